import CampusCore
import FluentKit
import Foundation

// Fluent models are reference types with property wrappers that are not Sendable; each instance is
// created and used inside one request's task and never shared, which is what makes this safe.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "email") var email: String
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "name") var name: String
    @Field(key: "role") var role: String
    @Field(key: "email_verified") var emailVerified: Bool
    @OptionalField(key: "experience") var experience: String?
    /// Bumped when every session must end (password change or reset); access tokens carry it.
    @Field(key: "token_version") var tokenVersion: Int
    /// IANA name; local days for streaks are counted in it.
    @Field(key: "time_zone") var timeZone: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) var deletedAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "updated_by") var updatedBy: UUID?

    init() {}

    init(email: EmailAddress, passwordHash: String?, name: String, role: Role = .student, createdBy: UUID? = nil) {
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

    var roleValue: Role { Role(rawValue: role) ?? .student }
}
