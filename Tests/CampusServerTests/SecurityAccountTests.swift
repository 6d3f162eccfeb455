import CampusCore
import FluentKit
import Foundation
import SQLKit
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

/// The account holes a hostile client found (issue 19, items 1, 3, 4, 9, 10, 12): each test failed before its fix.
@Suite("Security: accounts")
struct SecurityAccountTests {
    @Test("parallel guesses get at most ten password checks, then the right password is locked out too",
          arguments: TestEngine.available)
    func lockoutRace(engine: TestEngine) async throws {
        try await withCampus(engine, configure: { $0.authRatePerMinute = 0 }) { campus in
            _ = try await campus.register(email: "target@example.com", password: "correct horse battery")
            let checksBefore = campus.app.campus.passwords.verificationCount
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for index in 0..<30 {
                    group.addTask {
                        try await campus.request(.POST, "/api/v1/auth/login",
                                                 json: ["email": "target@example.com", "password": "wrong guess \(index)"]).status.code
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 401 || $0 == 429 }, "\(statuses)")
            #expect(statuses.filter { $0 == 401 }.count <= 10)
            let right = try await campus.request(.POST, "/api/v1/auth/login",
                                                 json: ["email": "target@example.com", "password": "correct horse battery"])
            #expect(right.status == .tooManyRequests)
            #expect(campus.app.campus.passwords.verificationCount - checksBefore <= 10)
        }
    }

    @Test("logout and refresh-token reuse end the session's access tokens", arguments: TestEngine.available)
    func sessionEnds(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let first = try await campus.register(email: "leaver@example.com")
            let access = try #require(first[string: "access_token"])
            #expect(try await campus.request(.GET, "/api/v1/users/me", token: access).status == .ok)
            let logout = try await campus.request(.POST, "/api/v1/auth/logout", json: ["refresh_token": first[string: "refresh_token"]!])
            #expect(logout.status == .ok)
            #expect(try await campus.request(.GET, "/api/v1/users/me", token: access).status == .unauthorized)

            let login = try await campus.request(.POST, "/api/v1/auth/login",
                                                 json: ["email": "leaver@example.com", "password": "correct horse battery"]).jsonObject
            let stolen = try #require(login[string: "refresh_token"])
            let rotated = try await campus.request(.POST, "/api/v1/auth/refresh", json: ["refresh_token": stolen]).jsonObject
            let fresh = try #require(rotated[string: "access_token"])
            #expect(try await campus.request(.GET, "/api/v1/users/me", token: fresh).status == .ok)
            // the rotated token comes back: the whole session ends, its newest access token included
            #expect(try await campus.request(.POST, "/api/v1/auth/refresh", json: ["refresh_token": stolen]).status == .unauthorized)
            #expect(try await campus.request(.GET, "/api/v1/users/me", token: fresh).status == .unauthorized)
            #expect(try await campus.request(.GET, "/api/v1/users/me", token: login[string: "access_token"]).status == .unauthorized)
        }
    }

    @Test("a session revoked by another instance stops working within two seconds", arguments: TestEngine.available)
    func sessionEndsElsewhere(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let pair = try await campus.register()
            let access = try #require(pair[string: "access_token"])
            #expect(try await campus.request(.GET, "/api/v1/users/me", token: access).status == .ok)
            // what another instance's logout writes, behind this instance's back
            try await campus.app.campusDB.sql.raw("UPDATE auth_refresh_tokens SET revoked_at = \(bind: campus.clock.now)").run()
            campus.clock.advance(by: SessionCache.lifetime + 0.1)
            #expect(try await campus.request(.GET, "/api/v1/users/me", token: access).status == .unauthorized)
        }
    }

    @Test("control characters are refused in every text input, and in path ids", arguments: TestEngine.available)
    func controlCharacters(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            _ = try await campus.register(email: "victim@example.com")
            let twin = try await campus.request(.POST, "/api/v1/auth/register",
                                                rawBody: #"{"email":"victim@example.com\u0000","password":"correct horse battery","name":"Eve"}"#)
            #expect(twin.status == .unprocessableEntity)
            #expect(Self.fields(twin) == ["email"])
            let name = try await campus.request(.POST, "/api/v1/auth/register",
                                                rawBody: #"{"email":"eve@example.com","password":"correct horse battery","name":"E\u0000ve"}"#)
            #expect(Self.fields(name) == ["name"])
            let nested = try await campus.request(.POST, "/api/v1/auth/login",
                                                  rawBody: #"{"email":"victim@example.com","password":"a\u0007b"}"#)
            #expect(Self.fields(nested) == ["password"])
            // an escaped backslash is not an escape: "\\u0000" is six printable characters
            let literal = try await campus.request(.POST, "/api/v1/auth/login",
                                                   rawBody: #"{"email":"victim@example.com","password":"\\u0000 is fine here"}"#)
            #expect(literal.status == .unauthorized)
            #expect(try await campus.request(.GET, "/api/v1/quizzes/quiz:a%00b").status == .notFound)
            #expect(try await campus.request(.GET, "/api/v1/lessons/lesson:a%00b").status == .notFound)
            let query = try await campus.request(.GET, "/api/v1/courses?q=api%00")
            #expect(query.status == .unprocessableEntity)
            #expect(Self.fields(query) == ["q"])

            try await QuizFixtures.load(into: campus, allowSkip: true)
            let token = try await campus.register()[string: "access_token"]
            let attemptID = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: token)
                .jsonObject[string: "attempt_id"])
            let answer = try await campus.request(.PUT, "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)/answers",
                                                  rawBody: #"{"answers":{"db-1":"idem\u0000potency"}}"#, token: token)
            #expect(Self.fields(answer) == ["answers.db-1"])
            #expect(try await User.query(on: campus.app.campusDB).count() == 2)
        }
    }

    @Test("emails are NFKC-normalised before uniqueness: full-width letters name the same account", arguments: TestEngine.available)
    func emailNormalisation(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            _ = try await campus.register(email: "admin@example.com")
            let twin = try await campus.request(.POST, "/api/v1/auth/register",
                                                json: ["email": "ａｄｍｉｎ@example.com", "password": "correct horse battery", "name": "Eve"])
            #expect(twin.status == .conflict)
            let login = try await campus.request(.POST, "/api/v1/auth/login",
                                                 json: ["email": "ＡＤＭＩＮ@EXAMPLE.COM", "password": "correct horse battery"])
            #expect(login.status == .ok)
        }
    }

    @Test("forgot-password does its work after answering: known and unknown addresses answer alike", arguments: TestEngine.available)
    func forgotPasswordAnswersFirst(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            _ = try await campus.register(email: "known@example.com")
            let codesBefore = try await OneTimeCode.query(on: campus.app.campusDB).count()
            let known = try await campus.request(.POST, "/api/v1/auth/forgot-password", json: ["email": "known@example.com"])
            let unknown = try await campus.request(.POST, "/api/v1/auth/forgot-password", json: ["email": "unknown@example.com"])
            #expect(known.status == .accepted)
            #expect(known.body.string == unknown.body.string)
            await campus.app.campus.background.drain()
            #expect(try await OneTimeCode.query(on: campus.app.campusDB).count() == codesBefore + 1)
            #expect(try await campus.latestCode(for: "known@example.com") != nil)
        }
    }

    @Test("foreign origins cannot change state, with or without the cookie; bodies are JSON only; answers vary by Origin",
          arguments: TestEngine.available)
    func crossOrigin(engine: TestEngine) async throws {
        try await withCampus(engine, configure: { $0.allowedOrigins = ["https://app.example.com"] }) { campus in
            let pair = try await campus.register(email: "cookie@example.com")
            let cookie = ("Cookie", "access_token=\(pair[string: "access_token"]!)")
            campus.clock.advance(by: 61)
            await campus.app.campus.background.drain()
            try await campus.app.campus.outbox.deliverDue()
            let mailBefore = campus.mail.all.count
            let resend = try await campus.request(.POST, "/api/v1/auth/resend-verification", json: [:],
                                                  headers: [cookie, ("Origin", "https://evil.example")])
            #expect(resend.status == .forbidden)
            await campus.app.campus.background.drain()
            try await campus.app.campus.outbox.deliverDue()
            #expect(campus.mail.all.count == mailBefore)

            let form = try await campus.app.testing().sendRequest(.POST, "/api/v1/auth/login",
                headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: .init(string: "email=cookie%40example.com&password=correct+horse+battery"))
            #expect(form.status == .unsupportedMediaType)
            let foreignLogin = try await campus.request(.POST, "/api/v1/auth/login",
                                                        json: ["email": "cookie@example.com", "password": "correct horse battery"],
                                                        headers: [("Origin", "https://evil.example")])
            #expect(foreignLogin.status == .forbidden)
            let ownLogin = try await campus.request(.POST, "/api/v1/auth/login",
                                                    json: ["email": "cookie@example.com", "password": "correct horse battery"],
                                                    headers: [("Origin", "https://app.example.com")])
            #expect(ownLogin.status == .ok)
            let refresh = try await campus.request(.POST, "/api/v1/auth/refresh",
                                                   headers: [("Cookie", "refresh_token=\(pair[string: "refresh_token"]!)")])
            #expect(refresh.status == .forbidden)
            #expect(ownLogin.headers[.vary].contains { $0.lowercased().contains("origin") })
            #expect(try await campus.request(.GET, "/health/live").headers[.vary].contains { $0.lowercased().contains("origin") })
        }
    }

    @Test("the password-hashing queue is bounded and drops work nobody waits for any more")
    func hashingQueue() async throws {
        let threads = max(1, System.coreCount - 1)
        let bounded = try PasswordHasher(cost: 12, maximumQueued: threads)
        let hash = try await bounded.hash("correct horse battery")
        let outcomes = await withTaskGroup(of: String.self) { group in
            for _ in 0..<(threads + 6) {
                group.addTask {
                    do { return try await bounded.verify("correct horse battery", against: hash) ? "checked" : "wrong" }
                    catch let problem as Problem { return "\(problem.status.code) \(problem.headers.first(name: "Retry-After") ?? "-")" }
                    catch { return "other" }
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outcomes.contains("503 2"), "\(outcomes)")
        #expect(outcomes.filter { $0 == "checked" }.count >= 1)
        await bounded.shutdown()

        let impatient = try PasswordHasher(cost: 12, maximumWait: 0.05)
        let impatientHash = try await impatient.hash("correct horse battery")
        let before = impatient.verificationCount
        let dropped = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<(threads + 3) {
                group.addTask { (try? await impatient.verify("x", against: impatientHash)) == nil }
            }
            return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(dropped >= 1)
        #expect(impatient.verificationCount - before <= threads + 3 - dropped)
        // a client that hung up costs no hash
        let gone = ClientConnection()
        gone.closed()
        let countBefore = impatient.verificationCount
        await #expect(throws: Problem.self) {
            try await impatient.verify("x", against: impatientHash, clientGone: { !gone.isOpen })
        }
        #expect(impatient.verificationCount == countBefore)
        await impatient.shutdown()
    }

    @Test("PATCH /users/me refuses null where the contract does", arguments: TestEngine.available)
    func nullTimeZone(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let token = try await campus.register()[string: "access_token"]
            let response = try await campus.request(.PATCH, "/api/v1/users/me", rawBody: #"{"time_zone":null}"#, token: token)
            #expect(response.status == .unprocessableEntity)
            #expect(Self.fields(response) == ["time_zone"])
            let cleared = try await campus.request(.PATCH, "/api/v1/users/me", rawBody: #"{"experience":null}"#, token: token)
            #expect(cleared.status == .ok)
        }
    }

    static func fields(_ response: TestingHTTPResponse) -> [String] {
        (response.jsonObject["errors"] as? [[String: Any]] ?? []).compactMap { $0[string: "field"] }
    }
}
