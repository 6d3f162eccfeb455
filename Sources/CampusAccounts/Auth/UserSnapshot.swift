import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import SQLKit

/// The user columns an authenticated request needs, read with one plain SQL statement: Fluent's
/// reflection-based model decoding was the largest cost of a signed-in request under load.
package struct UserSnapshot: Sendable, Equatable {
    package var id: UUID
    package var email: String
    package var name: String
    package var role: Role
    package var emailVerified: Bool
    package var experience: String?
    package var tokenVersion: Int
    package var timeZone: String
    package var createdAt: Date?
    /// Named on leaderboards only once the learner said so (privacy by default).
    package var leaderboardVisible = false
    package var language: String?

    package init(_ user: User) throws {
        id = try user.requireID()
        email = user.email
        name = user.name
        role = user.roleValue
        emailVerified = user.emailVerified
        experience = user.experience
        tokenVersion = user.tokenVersion
        timeZone = user.timeZone
        createdAt = user.createdAt
        leaderboardVisible = user.leaderboardVisible ?? false
        language = user.language
    }

    package static func load(_ id: UUID, on database: any Database) async throws -> UserSnapshot? {
        guard let row = try await database.sql.raw("""
            SELECT email, name, role, email_verified, experience, token_version, time_zone, created_at, leaderboard_visible, language
            FROM users WHERE id = \(bind: id) AND deleted_at IS NULL
            """).first() else { return nil }
        var snapshot = UserSnapshot(
            id: id,
            email: try row.decode(column: "email", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .student,
            emailVerified: try row.decode(column: "email_verified", as: Bool.self),
            experience: try row.decode(column: "experience", as: String?.self),
            tokenVersion: try row.decode(column: "token_version", as: Int.self),
            timeZone: try row.decode(column: "time_zone", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Date?.self))
        snapshot.leaderboardVisible = try row.decode(column: "leaderboard_visible", as: Bool?.self) ?? false
        snapshot.language = try row.decode(column: "language", as: String?.self)
        return snapshot
    }

    private init(id: UUID, email: String, name: String, role: Role, emailVerified: Bool, experience: String?,
                 tokenVersion: Int, timeZone: String, createdAt: Date?) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.emailVerified = emailVerified
        self.experience = experience
        self.tokenVersion = tokenVersion
        self.timeZone = timeZone
        self.createdAt = createdAt
    }
}
