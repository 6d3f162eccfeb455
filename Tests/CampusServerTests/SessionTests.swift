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

@Suite("Sessions and refresh tokens")
struct SessionTests {
    @Test("a refresh gives a new pair and the presented token stops working", arguments: TestEngine.available)
    func rotation(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let first = try await campus.register()
            let old = try #require(first[string: "refresh_token"])
            let refreshed = try await campus.request(.POST, "/api/v1/auth/refresh", json: ["refresh_token": old])
            #expect(refreshed.status == .ok)
            let new = try #require(refreshed.jsonObject[string: "refresh_token"])
            #expect(new != old)
            let me = try await campus.request(.GET, "/api/v1/users/me", token: refreshed.jsonObject[string: "access_token"])
            #expect(me.status == .ok)

            // when the rotated token comes back (stolen copy)
            let reuse = try await campus.request(.POST, "/api/v1/auth/refresh", json: ["refresh_token": old])
            #expect(reuse.status == .unauthorized)
            // then the whole family is revoked, including the newest token
            let afterTheft = try await campus.request(.POST, "/api/v1/auth/refresh", json: ["refresh_token": new])
            #expect(afterTheft.status == .unauthorized)
        }
    }

    @Test("refuses unknown, missing and expired refresh tokens", arguments: TestEngine.available)
    func refused(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let pair = try await campus.register()
            #expect(try await campus.request(.POST, "/api/v1/auth/refresh", json: ["refresh_token": "nope"]).status == .unauthorized)
            #expect(try await campus.request(.POST, "/api/v1/auth/refresh", json: [:]).status == .unprocessableEntity)
            campus.clock.advance(by: 31 * 24 * 3600)
            let expired = try await campus.request(.POST, "/api/v1/auth/refresh", json: ["refresh_token": pair[string: "refresh_token"]!])
            #expect(expired.status == .unauthorized)
        }
    }

    @Test("logout ends the session and is idempotent", arguments: TestEngine.available)
    func logout(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let pair = try await campus.register()
            let token = try #require(pair[string: "refresh_token"])
            #expect(try await campus.request(.POST, "/api/v1/auth/logout", json: ["refresh_token": token]).status == .ok)
            #expect(try await campus.request(.POST, "/api/v1/auth/logout", json: ["refresh_token": token]).status == .ok)
            #expect(try await campus.request(.POST, "/api/v1/auth/refresh", json: ["refresh_token": token]).status == .unauthorized)
        }
    }

    @Test("the bearer scheme is read case-insensitively; other schemes and malformed values are anonymous", arguments: TestEngine.available)
    func bearerHeader(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let token = try #require(try await campus.register()[string: "access_token"])
            for value in ["Bearer \(token)", "bearer \(token)", "BEARER  \(token)"] {
                #expect(try await campus.request(.GET, "/api/v1/users/me", headers: [("Authorization", value)]).status == .ok, "\(value.prefix(8))")
            }
            for value in ["Basic \(token)", "Bearer", "Bearer ", "Bearer \(token) extra", "Bearer\(token)", "Token \(token)"] {
                #expect(try await campus.request(.GET, "/api/v1/users/me", headers: [("Authorization", value)]).status == .unauthorized, "\(value.prefix(8))")
            }
        }
    }

    @Test("a stored refresh token is only a hash", arguments: TestEngine.available)
    func hashedAtRest(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let pair = try await campus.register()
            let token = try #require(pair[string: "refresh_token"])
            let stored = try await RefreshToken.query(on: campus.app.campusDB).all()
            #expect(stored.count == 1)
            #expect(stored.allSatisfy { $0.tokenHash != token && !$0.tokenHash.contains(token) })
        }
    }

    @Test("access tokens are refused when forged, expired or missing", arguments: TestEngine.available)
    func accessTokens(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let pair = try await campus.register()
            let access = try #require(pair[string: "access_token"])
            #expect(try await campus.request(.GET, "/api/v1/users/me").status == .unauthorized)
            #expect(try await campus.request(.GET, "/api/v1/users/me", token: access + "x").status == .unauthorized)
            let unsigned = access.split(separator: ".").prefix(2).joined(separator: ".") + "."
            #expect(try await campus.request(.GET, "/api/v1/users/me", token: unsigned).status == .unauthorized)
            let response = try await campus.request(.GET, "/api/v1/users/me", token: "garbage")
            #expect(response.status == .unauthorized)
            #expect(response.headers.first(name: "WWW-Authenticate") == "Bearer")
            // a token that worked (and was remembered as verified) stops working when it expires
            #expect(try await campus.request(.GET, "/api/v1/users/me", token: access).status == .ok)
            campus.clock.advance(by: 16 * 60)
            #expect(try await campus.request(.GET, "/api/v1/users/me", token: access).status == .unauthorized)
        }
    }
}

@Suite("Email codes")
struct EmailCodeTests {
    @Test("five wrong tries burn a verification code", arguments: TestEngine.available)
    func burn(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            _ = try await campus.register(email: "burn@example.com")
            let code = try #require(try await campus.latestCode(for: "burn@example.com"))
            let wrong = code == "000000" ? "111111" : "000000"
            for _ in 0..<5 {
                let response = try await campus.request(.POST, "/api/v1/auth/verify-email", json: ["email": "burn@example.com", "code": wrong])
                #expect(response.status == .unprocessableEntity)
            }
            let right = try await campus.request(.POST, "/api/v1/auth/verify-email", json: ["email": "burn@example.com", "code": code])
            #expect(right.status == .unprocessableEntity)
            #expect(right.problemType?.hasSuffix("/invalid-code") == true)
        }
    }

    @Test("a code expires after 15 minutes and a resent one works", arguments: TestEngine.available)
    func expiry(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            _ = try await campus.register(email: "late@example.com")
            let code = try #require(try await campus.latestCode(for: "late@example.com"))
            campus.clock.advance(by: 15 * 60 + 1)
            let late = try await campus.request(.POST, "/api/v1/auth/verify-email", json: ["email": "late@example.com", "code": code])
            #expect(late.status == .unprocessableEntity)

            let resend = try await campus.request(.POST, "/api/v1/auth/resend-verification-code", json: ["email": "late@example.com"])
            #expect(resend.status == .accepted)
            let fresh = try #require(try await campus.latestCode(for: "late@example.com"))
            let ok = try await campus.request(.POST, "/api/v1/auth/verify-email", json: ["email": "late@example.com", "code": fresh])
            #expect(ok.status == .ok)
        }
    }

    @Test("resend answers the same whether or not the email exists", arguments: TestEngine.available)
    func resendSameAnswer(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            _ = try await campus.register(email: "real@example.com")
            campus.clock.advance(by: 61)
            let known = try await campus.request(.POST, "/api/v1/auth/resend-verification-code", json: ["email": "real@example.com"])
            let unknown = try await campus.request(.POST, "/api/v1/auth/resend-verification-code", json: ["email": "ghost@example.com"])
            #expect(known.status == .accepted)
            #expect(unknown.status == known.status)
            #expect(known.body.string == unknown.body.string)
            let legacy = try await campus.request(.POST, "/api/v1/auth/resend-verification", json: ["email": "ghost@example.com"])
            #expect(legacy.status == .accepted)
            await campus.app.campus.background.drain()
            try await campus.app.campus.outbox.deliverDue()
            #expect(campus.mail.all.filter { $0.recipient == "real@example.com" }.count == 2)
            #expect(campus.mail.all.allSatisfy { $0.recipient != "ghost@example.com" })
        }
    }

    @Test("verify-email takes the code alone from a signed-in caller", arguments: TestEngine.available)
    func signedInVerify(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let pair = try await campus.register(email: "solo@example.com")
            let code = try #require(try await campus.latestCode(for: "solo@example.com"))
            let response = try await campus.request(.POST, "/api/v1/auth/verify-email", json: ["code": code], token: pair[string: "access_token"])
            #expect(response.status == .ok)
            #expect(response.jsonObject["email_verified"] as? Bool == true)
            let anonymous = try await campus.request(.POST, "/api/v1/auth/verify-email", json: ["code": code])
            #expect(anonymous.status == .unprocessableEntity)
        }
    }
}

@Suite("Passwords")
struct PasswordTests {
    @Test("forgot-password always answers 202 and a reset revokes every session", arguments: TestEngine.available)
    func reset(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let pair = try await campus.register(email: "forgot@example.com", password: "old password here")
            let unknown = try await campus.request(.POST, "/api/v1/auth/forgot-password", json: ["email": "nobody@example.com"])
            let known = try await campus.request(.POST, "/api/v1/auth/forgot-password", json: ["email": "forgot@example.com"])
            #expect(unknown.status == .accepted)
            #expect(known.status == .accepted)
            #expect(unknown.body.string == known.body.string)

            let code = try #require(try await campus.latestCode(for: "forgot@example.com"))
            let mismatch = try await campus.request(.POST, "/api/v1/auth/reset-password", json: [
                "email": "forgot@example.com", "code": code, "new_password": "brand new password", "new_password_confirm": "other",
            ])
            #expect(mismatch.status == .unprocessableEntity)
            let reset = try await campus.request(.POST, "/api/v1/auth/reset-password", json: [
                "email": "forgot@example.com", "code": code, "new_password": "brand new password",
            ])
            #expect(reset.status == .ok)
            let reused = try await campus.request(.POST, "/api/v1/auth/reset-password", json: [
                "email": "forgot@example.com", "code": code, "new_password": "another new password",
            ])
            #expect(reused.status == .unprocessableEntity)

            #expect(try await campus.request(.POST, "/api/v1/auth/refresh", json: ["refresh_token": pair[string: "refresh_token"]!]).status == .unauthorized)
            #expect(try await campus.request(.GET, "/api/v1/users/me", token: pair[string: "access_token"]).status == .unauthorized)
            #expect(try await campus.request(.POST, "/api/v1/auth/login", json: ["email": "forgot@example.com", "password": "old password here"]).status == .unauthorized)
            #expect(try await campus.request(.POST, "/api/v1/auth/login", json: ["email": "forgot@example.com", "password": "brand new password"]).status == .ok)
        }
    }

    @Test("changing the password ends other sessions and keeps this one", arguments: TestEngine.available)
    func change(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let first = try await campus.register(email: "change@example.com", password: "first password ok")
            let second = try await campus.request(.POST, "/api/v1/auth/login", json: ["email": "change@example.com", "password": "first password ok"]).jsonObject

            let wrong = try await campus.request(.POST, "/api/v1/users/me/password", json: [
                "current_password": "not it at all", "new_password": "second password ok",
            ], token: first[string: "access_token"])
            #expect(wrong.status == .unprocessableEntity)

            let changed = try await campus.request(.POST, "/api/v1/users/me/password", json: [
                "current_password": "first password ok", "new_password": "second password ok",
            ], token: first[string: "access_token"])
            #expect(changed.status == .ok)
            #expect(try await campus.request(.GET, "/api/v1/users/me", token: changed.jsonObject[string: "access_token"]).status == .ok)
            #expect(try await campus.request(.GET, "/api/v1/users/me", token: second[string: "access_token"]).status == .unauthorized)
            #expect(try await campus.request(.POST, "/api/v1/auth/refresh", json: ["refresh_token": second[string: "refresh_token"]!]).status == .unauthorized)
            #expect(try await campus.request(.POST, "/api/v1/auth/login", json: ["email": "change@example.com", "password": "second password ok"]).status == .ok)
        }
    }
}
