import CampusCore
import CampusPlatform
import FluentKit
import Foundation

// Fluent models are reference types with property wrappers that are not Sendable; each instance is
// created and used inside one request's task and never shared, which is what makes this safe.
package final class User: Model, @unchecked Sendable {
    package static let schema = "users"

    @ID(custom: .id, generatedBy: .user) package var id: UUID?
    @Field(key: "email") package var email: String
    @OptionalField(key: "password_hash") package var passwordHash: String?
    @Field(key: "name") package var name: String
    @Field(key: "role") package var role: String
    @Field(key: "email_verified") package var emailVerified: Bool
    @OptionalField(key: "experience") package var experience: String?
    /// Bumped when every session must end (password change or reset); access tokens carry it.
    @Field(key: "token_version") package var tokenVersion: Int
    /// IANA name; local days for streaks are counted in it.
    @Field(key: "time_zone") package var timeZone: String
    /// nil until the learner chooses: hidden from leaderboards by default.
    @OptionalField(key: "leaderboard_visible") package var leaderboardVisible: Bool?
    /// `ru` or `en` once chosen (the cabinet's switch); nil: the browser's language decides.
    @OptionalField(key: "language") package var language: String?
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) package var deletedAt: Date?
    @OptionalField(key: "created_by") package var createdBy: UUID?
    @OptionalField(key: "updated_by") package var updatedBy: UUID?

    package init() {}

    package init(email: EmailAddress, passwordHash: String?, name: String, role: Role = .student, createdBy: UUID? = nil) {
        self.id = .v7()
        self.email = email.value
        self.passwordHash = passwordHash
        self.name = name
        self.role = role.rawValue
        self.emailVerified = false
        self.tokenVersion = 0
        self.timeZone = "UTC"
        self.createdBy = createdBy ?? self.id
        self.updatedBy = createdBy ?? self.id
    }

    package var roleValue: Role { Role(rawValue: role) ?? .student }
}
