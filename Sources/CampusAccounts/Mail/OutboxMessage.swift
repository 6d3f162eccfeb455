import CampusPlatform
import FluentKit
import Foundation

/// An email waiting to be delivered. Written in the same transaction as whatever it announces,
/// delivered by `OutboxSender`; the body is cleared once delivered so codes do not linger.
package final class OutboxMessage: Model, @unchecked Sendable {
    package static let schema = "mail_outbox"
    package static let maxAttempts = 8

    @ID(custom: .id, generatedBy: .user) package var id: UUID?
    @Field(key: "recipient") package var recipient: String
    @Field(key: "subject") package var subject: String
    @Field(key: "body") package var body: String
    /// `pending`, `sent` or `failed` (gave up after `maxAttempts`).
    @Field(key: "status") package var status: String
    @Field(key: "attempts") package var attempts: Int
    @Field(key: "next_attempt_at") package var nextAttemptAt: Date
    @OptionalField(key: "locked_until") package var lockedUntil: Date?
    @OptionalField(key: "last_error") package var lastError: String?
    @OptionalField(key: "sent_at") package var sentAt: Date?
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) package var deletedAt: Date?
    @OptionalField(key: "created_by") package var createdBy: UUID?
    @OptionalField(key: "updated_by") package var updatedBy: UUID?

    package init() {}

    package init(recipient: String, subject: String, body: String, now: Date, createdBy: UUID?) {
        self.id = .v7()
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.status = "pending"
        self.attempts = 0
        self.nextAttemptAt = now
        self.createdBy = createdBy
        self.updatedBy = createdBy
    }
}

extension OutboxMessage {
    package struct CreateTable: AsyncMigration {
        package init() {}

        package var name: String { "CreateMailOutbox" }

        package func prepare(on database: any Database) async throws {
            try await database.schema(OutboxMessage.schema)
                .field(.id, .uuid, .identifier(auto: false))
                .field("recipient", .string, .required)
                .field("subject", .string, .required)
                .field("body", .string, .required)
                .field("status", .string, .required)
                .field("attempts", .int, .required)
                .field("next_attempt_at", .datetime, .required)
                .field("locked_until", .datetime)
                .field("last_error", .string)
                .field("sent_at", .datetime)
                .auditFields()
                .create()
            try await database.sqlRaw("CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at)")
        }

        package func revert(on database: any Database) async throws {
            try await database.schema(OutboxMessage.schema).delete()
        }
    }
}
