import CampusAccounts
import CampusPlatform
import FluentKit
import SQLKit

extension PracticeAttempt {
    package static let table = "practice_attempts"

    package struct CreateTable: AsyncMigration {
        package init() {}

        package var name: String { "CreatePracticeAttempts" }

        package func prepare(on database: any Database) async throws {
            try await database.schema(PracticeAttempt.table)
                .field(.id, .uuid, .identifier(auto: false))
                .field("user_id", .uuid, .required, .references(User.schema, .id))
                .field("practice_content_id", .string, .required)
                .field("course_content_id", .string)
                .field("attempt_no", .int, .required)
                .field("submitted_at", .datetime, .required)
                .field("passed", .bool, .required)
                .field("score", .int, .required)
                .field("max_score", .int, .required)
                .field("duration_ms", .int, .required)
                .field("details_ref", .string, .required)
                .auditFields()
                .create()
            // Two submits at once cannot share a number: the second retries with the next one.
            try await database.sqlRaw("""
                CREATE UNIQUE INDEX practice_attempts_number ON practice_attempts (user_id, practice_content_id, attempt_no)
                WHERE deleted_at IS NULL
                """)
            // The learner's list (newest first) and "has this learner passed these exercises".
            try await database.sqlRaw("CREATE INDEX practice_attempts_user ON practice_attempts (user_id, id)")
            try await database.sqlRaw("CREATE INDEX practice_attempts_passed ON practice_attempts (user_id, passed, practice_content_id)")
        }

        package func revert(on database: any Database) async throws {
            try await database.schema(PracticeAttempt.table).delete()
        }
    }
}
