import CampusAccounts
import CampusCatalog
import CampusPlatform
import FluentKit
import SQLKit

extension QuizAttempt {
    package struct CreateTable: AsyncMigration {
        package init() {}

        package var name: String { "CreateQuizAttempts" }

        package func prepare(on database: any Database) async throws {
            try await database.schema(QuizAttempt.schema)
                .field(.id, .uuid, .identifier(auto: false))
                .field("user_id", .uuid, .references(User.schema, .id))
                .field("course_id", .uuid)
                .field("quiz_content_id", .string, .required)
                .field("attempt_no", .int, .required)
                .field("status", .string, .required)
                .field("started_at", .datetime, .required)
                .field("expires_at", .datetime)
                .field("submitted_at", .datetime)
                .field("score", .int, .required, .sql(.default(0)))
                .field("max_score", .int, .required, .sql(.default(0)))
                .field("passed", .bool, .required, .sql(.default(false)))
                .field("level", .string)
                .field("time_spent_seconds", .int)
                .field("category_scores", .string)
                .field("details_ref", .string)
                .field("seed", .int64, .required)
                .field("guest_token_hash", .string)
                .field("guest_name", .string)
                .field("guest_experience", .string)
                .auditFields()
                .create()
            // attempt_no is unique per user and quiz, so concurrent starts cannot share a number,
            // and a user has at most one attempt in progress per quiz.
            try await database.sqlRaw("""
                CREATE UNIQUE INDEX quiz_attempts_number ON quiz_attempts (user_id, quiz_content_id, attempt_no)
                WHERE deleted_at IS NULL AND user_id IS NOT NULL
                """)
            try await database.sqlRaw("""
                CREATE UNIQUE INDEX quiz_attempts_open ON quiz_attempts (user_id, quiz_content_id)
                WHERE status = 'in_progress' AND deleted_at IS NULL AND user_id IS NOT NULL
                """)
            try await database.sqlRaw("CREATE UNIQUE INDEX quiz_attempts_guest ON quiz_attempts (guest_token_hash) WHERE guest_token_hash IS NOT NULL")
            // The percentile aggregate and the per-user lists.
            try await database.sqlRaw("CREATE INDEX quiz_attempts_quiz_scores ON quiz_attempts (quiz_content_id, status, user_id, score)")
            try await database.sqlRaw("CREATE INDEX quiz_attempts_user ON quiz_attempts (user_id, quiz_content_id, id)")
        }

        package func revert(on database: any Database) async throws {
            try await database.schema(QuizAttempt.schema).delete()
        }
    }
}

extension QuizAttempt {
    /// The lease a submit holds while it writes the details and then the summary (see `QuizService.finish`).
    package struct AddSubmitClaim: AsyncMigration {
        package init() {}

        package var name: String { "AddQuizAttemptSubmitClaim" }

        package func prepare(on database: any Database) async throws {
            // One column per statement: SQLite adds one at a time.
            try await database.schema(QuizAttempt.schema).field("submit_claim", .uuid).update()
            try await database.schema(QuizAttempt.schema).field("submit_claimed_at", .datetime).update()
        }

        package func revert(on database: any Database) async throws {
            try await database.schema(QuizAttempt.schema).deleteField("submit_claimed_at").update()
            try await database.schema(QuizAttempt.schema).deleteField("submit_claim").update()
        }
    }
}
