import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import Logging
import SQLKit

/// Accounts: registration, sign-in, token rotation, email codes and passwords. No HTTP types here.
package struct AuthService: Sendable {
    package let accounts: AccountsServices
    package let platform: PlatformServices
    package let database: any Database
    package let logger: Logger

    /// Whether the client gave up waiting; slow password work is then dropped.
    package var clientGone: @Sendable () -> Bool

    package init(accounts: AccountsServices, platform: PlatformServices, database: any Database, logger: Logger,
                 clientGone: @escaping @Sendable () -> Bool = { false }) {
        self.accounts = accounts
        self.platform = platform
        self.database = database
        self.logger = logger
        self.clientGone = clientGone
    }

    private var clock: CampusClock { platform.clock }
    private var tokens: TokenService { accounts.tokens }

    package struct Session {
        package let user: User
        package let accessToken: String
        package let refreshToken: String

        package init(user: User, accessToken: String, refreshToken: String) {
            self.user = user
            self.accessToken = accessToken
            self.refreshToken = refreshToken
        }
    }

    // MARK: - Registration and sign-in

    package func register(email: EmailAddress, password: String, name: String, experience: ExperienceBand?) async throws -> Session {
        if try await User.query(on: database).filter(\.$email == email.value).first() != nil {
            throw AccountsError.emailTaken
        }
        let hash = try await accounts.passwords.hash(password, clientGone: clientGone)
        let user = User(email: email, passwordHash: hash, name: name)
        user.experience = experience?.rawValue
        do {
            let session = try await database.transaction { db in
                try await user.create(on: db)
                try await issueCode(for: user, purpose: .verifyEmail, on: db)
                return try await startSession(for: user, on: db)
            }
            accounts.outbox.nudge()
            return session
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Lost a race with a concurrent registration of the same email.
            throw AccountsError.emailTaken
        }
    }

    package func login(email rawEmail: String, password: String) async throws -> Session {
        let email = EmailAddress(rawEmail)?.value ?? EmailAddress.normalized(rawEmail)
        let now = clock.now()
        let throttle = accounts.loginThrottle
        let since = now.addingTimeInterval(-throttle.window)
        // The attempt is recorded as a failure before the slow password check and cleared only if it
        // succeeds. Whichever reservation commits k-th counts at least k rows, so at most `limit`
        // password checks run per window however many requests arrive at once, on any engine, and no
        // lock, transaction or engine-specific statement is needed for it.
        let reservation = LoginFailure(email: email, failedAt: now)
        try await reservation.create(on: database)
        let recent = try await LoginFailure.query(on: database)
            .filter(\.$email == email).filter(\.$failedAt > since)
            .all()
        let others = recent.filter { $0.id != reservation.id }.map(\.failedAt)
        if let wait = throttle.retryAfter(failures: others, now: now) {
            // The refused attempt stays counted: guessing on through a lock-out keeps the account locked.
            throw AccountsError.tooManyFailedSignIns(retryAfter: wait)
        }
        let user = try await User.query(on: database).filter(\.$email == email).first()
        let matched: Bool
        do {
            matched = try await accounts.passwords.verify(password, against: user?.passwordHash, clientGone: clientGone)
        } catch {
            // The check never ran (the hashing queue was full): it does not count against the account.
            try? await LoginFailure.query(on: database).filter(\.$id == reservation.requireID()).delete()
            throw error
        }
        guard matched, let user else {
            if Int.random(in: 0..<100) == 0 {
                try? await LoginFailure.query(on: database).filter(\.$failedAt < since).delete()
            }
            throw AccountsError.invalidCredentials
        }
        try await LoginFailure.query(on: database).filter(\.$email == email).delete()
        return try await startSession(for: user, on: database)
    }

    // MARK: - Refresh tokens

    package func refresh(_ presented: String) async throws -> Session {
        let now = clock.now()
        guard let token = try await RefreshToken.query(on: database)
            .filter(\.$tokenHash == TokenService.hashRefreshToken(presented)).first()
        else { throw AccountsError.invalidRefreshToken }
        if token.replacedBy != nil {
            // A rotated token came back: someone holds a stolen copy. End the whole session.
            try await revokeFamily(token.familyID, now: now, on: database)
            logger.warning("refresh token reuse; session revoked", metadata: ["user_id": .string(token.userID.uuidString)])
            throw AccountsError.invalidRefreshToken
        }
        guard token.revokedAt == nil, token.expiresAt > now,
              let user = try await User.find(token.userID, on: database)
        else { throw AccountsError.invalidRefreshToken }

        let fresh = TokenService.newRefreshToken()
        let successor = RefreshToken(userID: token.userID, tokenHash: TokenService.hashRefreshToken(fresh),
                                     familyID: token.familyID, expiresAt: now.addingTimeInterval(tokens.refreshLifetime))
        let rotated = try await database.transaction { db -> Bool in
            let claimed = try await db.sql.raw("""
                UPDATE auth_refresh_tokens SET replaced_by = \(bind: successor.id!), revoked_at = \(bind: now), updated_at = \(bind: now)
                WHERE id = \(bind: token.id!) AND replaced_by IS NULL AND revoked_at IS NULL
                RETURNING id
                """).all()
            guard !claimed.isEmpty else { return false }
            try await successor.create(on: db)
            return true
        }
        guard rotated else {
            // A concurrent request rotated it first: the same token was presented twice.
            try await revokeFamily(token.familyID, now: now, on: database)
            throw AccountsError.invalidRefreshToken
        }
        return Session(user: user, accessToken: try await tokens.accessToken(for: user, session: token.familyID), refreshToken: fresh)
    }

    /// Ends the session the token belongs to. Unknown tokens are ignored: logging out twice is fine.
    package func logout(_ presented: String) async throws {
        guard let token = try await RefreshToken.query(on: database)
            .filter(\.$tokenHash == TokenService.hashRefreshToken(presented)).first()
        else { return }
        try await revokeFamily(token.familyID, now: clock.now(), on: database)
    }

    // MARK: - Email codes

    package func verifyEmail(user: User, code: String) async throws -> User {
        if user.emailVerified { return user }
        try await consumeCode(code, for: user, purpose: .verifyEmail)
        user.emailVerified = true
        user.updatedBy = user.id
        try await user.save(on: database)
        return user
    }

    package func verifyEmail(email: String, code: String) async throws -> User {
        guard let address = EmailAddress(email),
              let user = try await User.query(on: database).filter(\.$email == address.value).first(),
              !user.emailVerified
        else { throw AccountsError.invalidCode }
        return try await verifyEmail(user: user, code: code)
    }

    /// Sends a fresh verification code when the account exists and is unverified. Callers answer the
    /// same either way.
    package func resendVerification(email: String) async throws {
        guard let address = EmailAddress(email),
              let user = try await User.query(on: database).filter(\.$email == address.value).first(),
              !user.emailVerified
        else { return }
        try await issueCodeUnlessRecent(for: user, purpose: .verifyEmail)
    }

    package func forgotPassword(email: String) async throws {
        guard let address = EmailAddress(email),
              let user = try await User.query(on: database).filter(\.$email == address.value).first()
        else { return }
        try await issueCodeUnlessRecent(for: user, purpose: .resetPassword)
    }

    package func resetPassword(email: String, code: String, newPassword: String) async throws {
        guard let address = EmailAddress(email),
              let user = try await User.query(on: database).filter(\.$email == address.value).first()
        else { throw AccountsError.invalidCode }
        try await consumeCode(code, for: user, purpose: .resetPassword)
        let hash = try await accounts.passwords.hash(newPassword)
        try await database.transaction { db in
            user.passwordHash = hash
            user.tokenVersion += 1
            // Reading the code proved the mailbox is theirs.
            user.emailVerified = true
            user.updatedBy = user.id
            try await user.save(on: db)
            try await revokeAllSessions(of: user.requireID(), on: db)
        }
        try await LoginFailure.query(on: database).filter(\.$email == user.email).delete()
    }

    // MARK: - The signed-in user's account

    package func changePassword(user: User, current: String, new newPassword: String) async throws -> Session {
        guard try await accounts.passwords.verify(current, against: user.passwordHash, clientGone: clientGone) else {
            throw AccountsError.wrongCurrentPassword
        }
        let hash = try await accounts.passwords.hash(newPassword)
        return try await database.transaction { db in
            user.passwordHash = hash
            user.tokenVersion += 1
            user.updatedBy = user.id
            try await user.save(on: db)
            try await revokeAllSessions(of: user.requireID(), on: db)
            return try await startSession(for: user, on: db)
        }
    }

    package func deleteAccount(user: User) async throws {
        try await database.transaction { db in
            user.updatedBy = user.id
            user.tokenVersion += 1
            try await user.save(on: db)
            try await user.delete(on: db)
            try await revokeAllSessions(of: user.requireID(), on: db)
        }
    }

    // MARK: - Pieces

    private func startSession(for user: User, on db: any Database) async throws -> Session {
        let plain = TokenService.newRefreshToken()
        let familyID = UUID.v7()
        let token = RefreshToken(userID: try user.requireID(), tokenHash: TokenService.hashRefreshToken(plain),
                                 familyID: familyID, expiresAt: clock.now().addingTimeInterval(tokens.refreshLifetime))
        try await token.create(on: db)
        return Session(user: user, accessToken: try await tokens.accessToken(for: user, session: familyID), refreshToken: plain)
    }

    private func revokeFamily(_ familyID: UUID, now: Date, on db: any Database) async throws {
        try await db.sqlRaw("""
            UPDATE auth_refresh_tokens SET revoked_at = \(bind: now), updated_at = \(bind: now)
            WHERE family_id = \(bind: familyID) AND revoked_at IS NULL
            """)
        accounts.sessions.ended(familyID, now: now)
    }

    private func revokeAllSessions(of userID: UUID, on db: any Database) async throws {
        let now = clock.now()
        try await db.sqlRaw("""
            UPDATE auth_refresh_tokens SET revoked_at = \(bind: now), updated_at = \(bind: now)
            WHERE user_id = \(bind: userID) AND revoked_at IS NULL
            """)
    }

    private func issueCodeUnlessRecent(for user: User, purpose: OneTimeCode.Purpose) async throws {
        let recent = try await OneTimeCode.query(on: database)
            .filter(\.$userID == user.requireID()).filter(\.$purpose == purpose.rawValue)
            .filter(\.$issuedAt > clock.now().addingTimeInterval(-60))
            .count()
        // One code a minute per account keeps the endpoint from being used to flood a mailbox.
        guard recent == 0 else { return }
        try await database.transaction { db in
            try await issueCode(for: user, purpose: purpose, on: db)
        }
        accounts.outbox.nudge()
    }

    /// Burns earlier codes of the purpose, stores the new one hashed and queues the email, all in the
    /// caller's transaction.
    private func issueCode(for user: User, purpose: OneTimeCode.Purpose, on db: any Database) async throws {
        let userID = try user.requireID()
        let now = clock.now()
        try await db.sqlRaw("""
            UPDATE auth_one_time_codes SET consumed_at = \(bind: now), updated_at = \(bind: now)
            WHERE user_id = \(bind: userID) AND purpose = \(bind: purpose.rawValue) AND consumed_at IS NULL
            """)
        let code = TokenService.newCode()
        let record = OneTimeCode(userID: userID, purpose: purpose, codeHash: tokens.hashCode(code, userID: userID, purpose: purpose),
                                 issuedAt: now)
        try await record.create(on: db)
        let mail = MailTemplates.code(purpose: purpose, name: user.name, code: code)
        try await OutboxMessage(recipient: user.email, subject: mail.subject, body: mail.body, now: now, createdBy: userID)
            .create(on: db)
    }

    private func consumeCode(_ code: String, for user: User, purpose: OneTimeCode.Purpose) async throws {
        let userID = try user.requireID()
        let now = clock.now()
        guard let record = try await OneTimeCode.query(on: database)
            .filter(\.$userID == userID).filter(\.$purpose == purpose.rawValue)
            .filter(\.$consumedAt == nil).filter(\.$expiresAt > now)
            .filter(\.$attempts < OneTimeCode.maxAttempts)
            .sort(\.$issuedAt, .descending).first()
        else { throw AccountsError.invalidCode }
        let normalized = code.filter { !$0.isWhitespace }
        guard normalized.count == 6, normalized.allSatisfy(\.isASCII),
              tokens.hashCode(normalized, userID: userID, purpose: purpose) == record.codeHash
        else {
            // Counted with a conditional update so parallel guesses cannot exceed the limit.
            try await database.sqlRaw("""
                UPDATE auth_one_time_codes SET attempts = attempts + 1, updated_at = \(bind: now)
                WHERE id = \(bind: record.requireID())
                """)
            throw AccountsError.invalidCode
        }
        let claimed = try await database.sql.raw("""
            UPDATE auth_one_time_codes SET consumed_at = \(bind: now), updated_at = \(bind: now)
            WHERE id = \(bind: record.requireID()) AND consumed_at IS NULL AND attempts < \(bind: OneTimeCode.maxAttempts)
            RETURNING id
            """).all()
        guard !claimed.isEmpty else { throw AccountsError.invalidCode }
    }
}
