import FluentKit
import Foundation

/// An email waiting to be delivered. Written in the same transaction as whatever it announces,
/// delivered by `OutboxSender`; the body is cleared once delivered so codes do not linger.
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "mail_outbox"
    static let maxAttempts = 8

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    /// `pending`, `sent` or `failed` (gave up after `maxAttempts`).
    @Field(key: "status") var status: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "sent_at") var sentAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) var deletedAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "updated_by") var updatedBy: UUID?

    init() {}

    init(recipient: String, subject: String, body: String, now: Date, createdBy: UUID?) {
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
    struct CreateTable: AsyncMigration {
        var name: String { "CreateMailOutbox" }

        func prepare(on database: any Database) async throws {
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

        func revert(on database: any Database) async throws {
            try await database.schema(OutboxMessage.schema).delete()
        }
    }
}
