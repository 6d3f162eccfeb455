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

@Suite("Registration")
struct RegistrationTests {
    @Test("returns a token pair and the profile, and mails a code that verifies the email", arguments: TestEngine.available)
    func registerAndVerify(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            // when
            let body = try await campus.register(email: "  Ada@Example.com ", name: "Ada")
            // then
            #expect(body[string: "token_type"] == "Bearer")
            #expect(body["expires_in"] as? Int == 900)
            #expect((body[string: "refresh_token"] ?? "").count >= 43)
            let user = try #require(body[object: "user"])
            #expect(user[string: "email"] == "ada@example.com")
            #expect(user["email_verified"] as? Bool == false)
            #expect(user[string: "role"] == "student")
            #expect(user["password_hash"] == nil)

            let code = try #require(try await campus.latestCode(for: "ada@example.com"))
            let verified = try await campus.request(.POST, "/api/v1/auth/verify-email", json: ["email": "ADA@example.com", "code": code])
            #expect(verified.status == .ok)
            #expect(verified.jsonObject["email_verified"] as? Bool == true)

            let me = try await campus.request(.GET, "/api/v1/users/me", token: body[string: "access_token"])
            #expect(me.status == .ok)
            #expect(me.jsonObject["email_verified"] as? Bool == true)
            #expect(Set(me.jsonObject.keys).subtracting(["experience"]) == ["id", "email", "name", "role", "email_verified", "time_zone", "created_at", "leaderboard_visible"])
            #expect(me.jsonObject["leaderboard_visible"] as? Bool == false, "hidden from leaderboards until the learner chooses")
        }
    }

    @Test("refuses an email already in use, whatever its case", arguments: TestEngine.available)
    func duplicate(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            _ = try await campus.register(email: "bob@example.com")
            let again = try await campus.request(.POST, "/api/v1/auth/register",
                                                 json: ["email": " BOB@example.com", "password": "another long password", "name": "Bob"])
            #expect(again.status == .conflict)
            #expect(again.problemType?.hasSuffix("/email-taken") == true)
            #expect(again.headers.contentType?.description.hasPrefix("application/problem+json") == true)
        }
    }

    @Test("creates exactly one account when the same email registers concurrently", arguments: TestEngine.available)
    func concurrent(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        let response = try await campus.request(.POST, "/api/v1/auth/register", json: [
                            "email": "race@example.com", "password": "correct horse battery \(index)", "name": "Racer",
                        ])
                        return response.status.code
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.filter { $0 == 409 }.count == 5)
            let count = try await User.query(on: campus.app.campusDB).filter(\.$email == "race@example.com").count()
            #expect(count == 1)
        }
    }

    @Test("names every bad field and creates nothing", arguments: TestEngine.available)
    func validation(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let response = try await campus.request(.POST, "/api/v1/auth/register",
                                                    json: ["email": "not-an-email", "password": "short", "name": ""])
            #expect(response.status == .unprocessableEntity)
            let fields = (response.jsonObject["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(fields) == ["email", "password", "name"])
            #expect(try await User.query(on: campus.app.campusDB).count() == 0)

            let mismatch = try await campus.request(.POST, "/api/v1/auth/register", json: [
                "email": "eve@example.com", "password": "correct horse battery", "password_confirm": "correct horse batterx", "name": "Eve",
            ])
            #expect(mismatch.status == .unprocessableEntity)
            #expect((mismatch.jsonObject["errors"] as? [[String: Any]])?.first?["field"] as? String == "password_confirm")

            let tooLong = try await campus.request(.POST, "/api/v1/auth/register", json: [
                "email": "eve@example.com", "password": String(repeating: "x", count: 129), "name": "Eve",
            ])
            #expect(tooLong.status == .unprocessableEntity)
        }
    }

    @Test("answers malformed or mistyped JSON with a problem, never a 500", arguments: TestEngine.available)
    func malformed(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            for raw in ["{", "[]", "null", #"{"email": 5, "password": "correct horse battery", "name": "x"}"#, "\u{0}"] {
                let response = try await campus.request(.POST, "/api/v1/auth/register", rawBody: raw)
                #expect((400..<500).contains(response.status.code), "\(raw) → \(response.status)")
                #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
                #expect(!response.body.string.contains("DecodingError"))
            }
            let typed = try await campus.request(.POST, "/api/v1/auth/register",
                                                 rawBody: #"{"email": 5, "password": "correct horse battery", "name": "x"}"#)
            #expect((typed.jsonObject["errors"] as? [[String: Any]])?.first?["field"] as? String == "email")
        }
    }
}
