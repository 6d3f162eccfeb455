import Foundation
import FluentKit
import Testing
import VaporTesting
@testable import CampusAccounts
@testable import CampusAdmin
@testable import CampusCatalog
@testable import CampusCompatibility
@testable import CampusLearning
@testable import CampusPlatform
@testable import CampusQuizzes
@testable import CampusServer

@Suite("Profile")
struct ProfileTests {
    @Test("PATCH /users/me changes name and experience, validating both", arguments: TestEngine.available)
    func update(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let token = try await campus.register()[string: "access_token"]
            let ok = try await campus.request(.PATCH, "/api/v1/users/me", json: ["name": "Ada Lovelace", "experience": "3-5"], token: token)
            #expect(ok.status == .ok)
            #expect(ok.jsonObject[string: "name"] == "Ada Lovelace")
            #expect(ok.jsonObject[string: "experience"] == "3-5")
            let bad = try await campus.request(.PATCH, "/api/v1/users/me", json: ["name": "", "experience": "ages"], token: token)
            #expect(bad.status == .unprocessableEntity)
            let fields = (bad.jsonObject["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(fields) == ["name", "experience"])
            let me = try await campus.request(.GET, "/api/v1/auth/me", token: token)
            #expect(me.jsonObject[string: "name"] == "Ada Lovelace")
        }
    }

    @Test("the cabinet's language is kept with the profile: ru or en, anything else a 422 on language", arguments: TestEngine.available)
    func language(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let token = try await campus.register()[string: "access_token"]
            #expect(try await campus.request(.GET, "/api/v1/users/me", token: token).jsonObject["language"] == nil)
            #expect(try await campus.request(.PATCH, "/api/v1/users/me", json: ["language": "ru"], token: token).status == .ok)
            let bad = try await campus.request(.PATCH, "/api/v1/users/me", json: ["language": "de"], token: token)
            #expect(bad.status == .unprocessableEntity)
            #expect((bad.jsonObject["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String } == ["language"])
            #expect(try await campus.request(.GET, "/api/v1/users/me", token: token).jsonObject[string: "language"] == "ru")
        }
    }

    @Test("deleting the account ends its tokens and frees the email", arguments: TestEngine.available)
    func delete(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let pair = try await campus.register(email: "gone@example.com")
            let deleted = try await campus.request(.DELETE, "/api/v1/users/me", token: pair[string: "access_token"])
            #expect(deleted.status == .noContent)
            #expect(try await campus.request(.GET, "/api/v1/users/me", token: pair[string: "access_token"]).status == .unauthorized)
            #expect(try await campus.request(.POST, "/api/v1/auth/refresh", json: ["refresh_token": pair[string: "refresh_token"]!]).status == .unauthorized)
            #expect(try await campus.request(.POST, "/api/v1/auth/login", json: ["email": "gone@example.com", "password": "correct horse battery"]).status == .unauthorized)
            _ = try await campus.register(email: "gone@example.com")
            // the old row is still there, soft-deleted, and invisible to normal queries
            #expect(try await User.query(on: campus.app.campusDB).filter(\.$email == "gone@example.com").count() == 1)
            #expect(try await User.query(on: campus.app.campusDB).withDeleted().filter(\.$email == "gone@example.com").count() == 2)
        }
    }
}

@Suite("Cookie sessions of the replaced front end")
struct CookieTests {
    @Test("the access_token cookie authenticates, and state changes need an allowed Origin", arguments: TestEngine.available)
    func cookieAndCSRF(engine: TestEngine) async throws {
        try await withCampus(engine, configure: { $0.allowedOrigins = ["https://app.example.com"] }) { campus in
            let token = try #require(try await campus.register()[string: "access_token"])
            let cookie = ("Cookie", "access_token=\(token)")
            #expect(try await campus.request(.GET, "/api/v1/auth/me", headers: [cookie]).status == .ok)
            let noOrigin = try await campus.request(.PATCH, "/api/v1/users/me", json: ["name": "X"], headers: [cookie])
            #expect(noOrigin.status == .forbidden)
            let evil = try await campus.request(.PATCH, "/api/v1/users/me", json: ["name": "X"], headers: [cookie, ("Origin", "https://evil.example")])
            #expect(evil.status == .forbidden)
            let good = try await campus.request(.PATCH, "/api/v1/users/me", json: ["name": "X"], headers: [cookie, ("Origin", "https://app.example.com")])
            #expect(good.status == .ok)
            // a bearer token is not sent by browsers on their own, so it needs no Origin
            #expect(try await campus.request(.PATCH, "/api/v1/users/me", json: ["name": "Y"], token: token).status == .ok)
        }
    }

    @Test("login sets httpOnly cookies", arguments: TestEngine.available)
    func cookiesSet(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            _ = try await campus.register(email: "cookie@example.com")
            let response = try await campus.request(.POST, "/api/v1/auth/login", json: ["email": "cookie@example.com", "password": "correct horse battery"])
            let cookies = response.headers[.setCookie]
            #expect(cookies.contains { $0.hasPrefix("access_token=") && $0.contains("HttpOnly") })
            #expect(cookies.contains { $0.hasPrefix("refresh_token=") && $0.contains("HttpOnly") })
        }
    }

    @Test("CORS answers only allowed origins", arguments: TestEngine.available)
    func cors(engine: TestEngine) async throws {
        try await withCampus(engine, configure: { $0.allowedOrigins = ["https://app.example.com"] }) { campus in
            let allowed = try await campus.request(.OPTIONS, "/api/v1/auth/login", headers: [
                ("Origin", "https://app.example.com"), ("Access-Control-Request-Method", "POST"),
            ])
            #expect(allowed.headers.first(name: "Access-Control-Allow-Origin") == "https://app.example.com")
            let other = try await campus.request(.GET, "/health/live", headers: [("Origin", "https://evil.example")])
            #expect(other.headers.first(name: "Access-Control-Allow-Origin") != "*")
            #expect(other.headers.first(name: "Access-Control-Allow-Origin") != "https://evil.example")
        }
    }
}

@Suite("Platform conventions")
struct PlatformTests {
    @Test("every response has security headers and a request id; misses are problem+json", arguments: TestEngine.available)
    func headers(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            for path in ["/health/live", "/api/v1/nothing-here", "/api/v1/users/me"] {
                let response = try await campus.request(.GET, path)
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: "X-Frame-Options") == "DENY")
                #expect(response.headers.first(name: "X-Request-ID")?.isEmpty == false)
            }
            let missing = try await campus.request(.GET, "/api/v1/nothing-here")
            #expect(missing.status == .notFound)
            #expect(missing.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect(missing.jsonObject["status"] as? Int == 404)
            #expect(missing.jsonObject["title"] != nil && missing.jsonObject["detail"] != nil)
        }
    }

    @Test("readiness checks both stores", arguments: TestEngine.available)
    func ready(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let response = try await campus.request(.GET, "/health/ready")
            #expect(response.status == .ok)
            #expect(response.jsonObject[object: "stores"]?[string: "content"] == "ok")
        }
    }

    @Test("a database too busy to hand out a connection in time is a 503 with Retry-After, not a 500", arguments: [TestEngine.sqlite])
    func busyDatabase(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let request = Request(application: campus.app, on: campus.app.eventLoopGroup.next())
            let problem = ProblemMiddleware.problem(for: ConnectionPoolTimeoutError.connectionRequestTimeout, request: request)
            #expect(problem.status == .serviceUnavailable)
            #expect(problem.headers.first(name: "Retry-After") == "1")
        }
    }
}
