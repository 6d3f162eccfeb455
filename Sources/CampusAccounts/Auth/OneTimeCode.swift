import CampusPlatform
import FluentKit
import Foundation

/// A six-digit code sent by email to verify an address or reset a password. Stored as a keyed hash;
/// burnt after `maxAttempts` wrong tries, on use, or when a newer code of the same purpose is issued.
package final class OneTimeCode: Model, @unchecked Sendable {
    package static let schema = "auth_one_time_codes"
    package static let maxAttempts = 5
    package static let lifetime: TimeInterval = 15 * 60

    package enum Purpose: String {
        case verifyEmail = "verify_email"
        case resetPassword = "reset_password"
    }

    @ID(custom: .id, generatedBy: .user) package var id: UUID?
    @Field(key: "user_id") package var userID: UUID
    @Field(key: "purpose") package var purpose: String
    @Field(key: "code_hash") package var codeHash: String
    /// From the service clock (unlike `created_at`), so throttling and expiry agree on time.
    @Field(key: "issued_at") package var issuedAt: Date
    @Field(key: "expires_at") package var expiresAt: Date
    @Field(key: "attempts") package var attempts: Int
    @OptionalField(key: "consumed_at") package var consumedAt: Date?
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) package var deletedAt: Date?
    @OptionalField(key: "created_by") package var createdBy: UUID?
    @OptionalField(key: "updated_by") package var updatedBy: UUID?

    package init() {}

    package init(userID: UUID, purpose: Purpose, codeHash: String, issuedAt: Date) {
        self.id = .v7()
        self.userID = userID
        self.purpose = purpose.rawValue
        self.codeHash = codeHash
        self.issuedAt = issuedAt
        self.expiresAt = issuedAt.addingTimeInterval(Self.lifetime)
        self.attempts = 0
        self.createdBy = userID
        self.updatedBy = userID
    }
}

extension OneTimeCode {
    package struct CreateTable: AsyncMigration {
        package init() {}

        package var name: String { "CreateAuthOneTimeCodes" }

        package func prepare(on database: any Database) async throws {
            try await database.schema(OneTimeCode.schema)
                .field(.id, .uuid, .identifier(auto: false))
                .field("user_id", .uuid, .required, .references(User.schema, .id))
                .field("purpose", .string, .required)
                .field("code_hash", .string, .required)
                .field("issued_at", .datetime, .required)
                .field("expires_at", .datetime, .required)
                .field("attempts", .int, .required, .sql(.default(0)))
                .field("consumed_at", .datetime)
                .auditFields()
                .create()
            try await database.sqlRaw("CREATE INDEX auth_one_time_codes_user ON auth_one_time_codes (user_id, purpose)")
        }

        package func revert(on database: any Database) async throws {
            try await database.schema(OneTimeCode.schema).delete()
        }
    }
}
