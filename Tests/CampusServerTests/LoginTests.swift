import Foundation
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

@Suite("Login")
struct LoginTests {
    @Test("answers an unknown email and a wrong password identically", arguments: TestEngine.available)
    func indistinguishable(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            _ = try await campus.register(email: "known@example.com")
            let wrong = try await campus.request(.POST, "/api/v1/auth/login", json: ["email": "known@example.com", "password": "not the password"])
            let unknown = try await campus.request(.POST, "/api/v1/auth/login", json: ["email": "nobody@example.com", "password": "not the password"])
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == wrong.status)
            var wrongBody = wrong.jsonObject
            var unknownBody = unknown.jsonObject
            wrongBody["request_id"] = nil
            unknownBody["request_id"] = nil
            #expect(NSDictionary(dictionary: wrongBody).isEqual(to: unknownBody))
        }
    }

    @Test("signs in with the right password", arguments: TestEngine.available)
    func success(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            _ = try await campus.register(email: "ok@example.com", password: "correct horse battery")
            let response = try await campus.request(.POST, "/api/v1/auth/login", json: ["email": "OK@example.com ", "password": "correct horse battery"])
            #expect(response.status == .ok)
            let me = try await campus.request(.GET, "/api/v1/users/me", token: response.jsonObject[string: "access_token"])
            #expect(me.jsonObject[string: "email"] == "ok@example.com")
        }
    }

    @Test("locks an email for a while after ten failures", arguments: TestEngine.available)
    func lockout(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            _ = try await campus.register(email: "target@example.com", password: "correct horse battery")
            for _ in 0..<10 {
                let response = try await campus.request(.POST, "/api/v1/auth/login", json: ["email": "target@example.com", "password": "guess guess guess"])
                #expect(response.status == .unauthorized)
            }
            let locked = try await campus.request(.POST, "/api/v1/auth/login", json: ["email": "target@example.com", "password": "correct horse battery"])
            #expect(locked.status == .tooManyRequests)
            let retryAfter = try #require(locked.headers.first(name: "Retry-After").flatMap(Int.init))
            #expect((1...900).contains(retryAfter))

            campus.clock.advance(by: 15 * 60 + 1)
            let later = try await campus.request(.POST, "/api/v1/auth/login", json: ["email": "target@example.com", "password": "correct horse battery"])
            #expect(later.status == .ok)
        }
    }

    @Test("limits register, login and code requests per client address", arguments: TestEngine.available)
    func perAddressLimit(engine: TestEngine) async throws {
        try await withCampus(engine, configure: { $0.authRatePerMinute = 3 }) { campus in
            var statuses: [UInt] = []
            for _ in 0..<4 {
                statuses.append(try await campus.request(.POST, "/api/v1/auth/forgot-password", json: ["email": "x@example.com"]).status.code)
            }
            #expect(statuses == [202, 202, 202, 429])
            let login = try await campus.request(.POST, "/api/v1/auth/login", json: ["email": "x@example.com", "password": "whatever whatever"])
            #expect(login.status == .tooManyRequests)
            #expect(login.headers.first(name: "Retry-After") != nil)
            campus.clock.advance(by: 61)
            let after = try await campus.request(.POST, "/api/v1/auth/forgot-password", json: ["email": "x@example.com"])
            #expect(after.status == .accepted)
        }
    }

    @Test("believes X-Forwarded-For only from trusted proxies", arguments: TestEngine.available)
    func forwardedFor(engine: TestEngine) async throws {
        // In-memory requests have no socket peer; trusting "unknown" is impossible, so forged
        // headers must not split the bucket.
        try await withCampus(engine, configure: { $0.authRatePerMinute = 2 }) { campus in
            var statuses: [UInt] = []
            for index in 0..<3 {
                statuses.append(try await campus.request(.POST, "/api/v1/auth/forgot-password", json: ["email": "x@example.com"],
                                                         headers: [("X-Forwarded-For", "10.0.0.\(index)")]).status.code)
            }
            #expect(statuses == [202, 202, 429])
        }
    }

    @Test("turns the address limit off with 0", arguments: TestEngine.available)
    func limitOff(engine: TestEngine) async throws {
        try await withCampus(engine, configure: { $0.authRatePerMinute = 0 }) { campus in
            for _ in 0..<25 {
                let response = try await campus.request(.POST, "/api/v1/auth/forgot-password", json: ["email": "x@example.com"])
                #expect(response.status == .accepted)
            }
        }
    }

    @Test("keeps working for hashes written by the replaced service", arguments: TestEngine.available)
    func legacyHash(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            // bcrypt($2b$, cost 12) over base64(SHA-256("legacy1")), made by Python's bcrypt; the password is
            // shorter than today's minimum, as old accounts may be.
            let user = User(email: .init("old@example.com")!, passwordHash: LegacyFixture.hash, name: "Old")
            try await user.create(on: campus.app.campusDB)
            let response = try await campus.request(.POST, "/api/v1/auth/login", json: ["email": "old@example.com", "password": "legacy1"])
            #expect(response.status == .ok)
            let wrong = try await campus.request(.POST, "/api/v1/auth/login", json: ["email": "old@example.com", "password": "legacy2"])
            #expect(wrong.status == .unauthorized)
        }
    }
}
