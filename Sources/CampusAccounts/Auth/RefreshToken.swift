import CampusPlatform
import FluentKit
import Foundation

// See User for why @unchecked Sendable is safe for Fluent models here.
package final class RefreshToken: Model, @unchecked Sendable {
    package static let schema = "auth_refresh_tokens"

    @ID(custom: .id, generatedBy: .user) package var id: UUID?
    @Field(key: "user_id") package var userID: UUID
    /// SHA-256 of the token; the token itself is never stored.
    @Field(key: "token_hash") package var tokenHash: String
    /// Every token rotated from one login shares a family; reuse of a rotated token revokes it whole.
    @Field(key: "family_id") package var familyID: UUID
    @OptionalField(key: "replaced_by") package var replacedBy: UUID?
    @Field(key: "expires_at") package var expiresAt: Date
    @OptionalField(key: "revoked_at") package var revokedAt: Date?
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) package var deletedAt: Date?
    @OptionalField(key: "created_by") package var createdBy: UUID?
    @OptionalField(key: "updated_by") package var updatedBy: UUID?

    package init() {}

    package init(userID: UUID, tokenHash: String, familyID: UUID, expiresAt: Date) {
        self.id = .v7()
        self.userID = userID
        self.tokenHash = tokenHash
        self.familyID = familyID
        self.expiresAt = expiresAt
        self.createdBy = userID
        self.updatedBy = userID
    }
}

extension RefreshToken {
    package struct CreateTable: AsyncMigration {
        package init() {}

        package var name: String { "CreateAuthRefreshTokens" }

        package func prepare(on database: any Database) async throws {
            try await database.schema(RefreshToken.schema)
                .field(.id, .uuid, .identifier(auto: false))
                .field("user_id", .uuid, .required, .references(User.schema, .id))
                .field("token_hash", .string, .required)
                .field("family_id", .uuid, .required)
                .field("replaced_by", .uuid)
                .field("expires_at", .datetime, .required)
                .field("revoked_at", .datetime)
                .auditFields()
                .unique(on: "token_hash")
                .create()
            try await database.sqlRaw("CREATE INDEX auth_refresh_tokens_family ON auth_refresh_tokens (family_id)")
            try await database.sqlRaw("CREATE INDEX auth_refresh_tokens_user ON auth_refresh_tokens (user_id)")
        }

        package func revert(on database: any Database) async throws {
            try await database.schema(RefreshToken.schema).delete()
        }
    }
}
