import CampusAccounts
import CampusCatalog
import CampusPlatform
import CampusQuizzes
import FluentKit
import SQLKit

/// Enrollments, lesson progress, streaks, and the user's time zone (local days count for streaks).
package struct CreateLearning: AsyncMigration {
    package init() {}

    package var name: String { "CreateLearning" }

    package func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .field("time_zone", .string, .required, .sql(.default(SQLLiteral.string("UTC"))))
            .update()

        try await database.schema(Enrollment.schema)
            .field(.id, .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("course_id", .uuid, .required, .references(Course.schema, .id))
            .field("status", .string, .required)
            .field("enrolled_at", .datetime, .required)
            .field("completed_at", .datetime)
            .auditFields()
            .create()
        // Unique among live rows; the lookups below use plain indexes, since Fluent's soft-delete condition
        // (`deleted_at IS NULL OR deleted_at > now`) cannot use a partial one on either engine.
        try await database.sqlRaw("CREATE UNIQUE INDEX enrollments_live ON enrollments (user_id, course_id) WHERE deleted_at IS NULL")
        try await database.sqlRaw("CREATE INDEX enrollments_user ON enrollments (user_id, id)")
        try await database.sqlRaw("CREATE INDEX enrollments_course ON enrollments (course_id, status)")

        try await database.schema(LessonProgress.schema)
            .field(.id, .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("course_id", .uuid, .required, .references(Course.schema, .id))
            .field("lesson_content_id", .string, .required)
            .field("status", .string, .required)
            .field("completed_at", .datetime)
            .field("bookmarked", .bool, .required, .sql(.default(false)))
            .field("note", .string)
            .field("time_spent_seconds", .int, .required, .sql(.default(0)))
            .field("last_heartbeat_at", .datetime)
            .field("heartbeats", .int, .required, .sql(.default(0)))
            .auditFields()
            .create()
        try await database.sqlRaw("CREATE UNIQUE INDEX lesson_progress_live ON lesson_progress (user_id, lesson_content_id) WHERE deleted_at IS NULL")
        try await database.sqlRaw("CREATE INDEX lesson_progress_user ON lesson_progress (user_id, id)")
        // The admin report's "active in the last 7 days" per course.
        try await database.sqlRaw("CREATE INDEX lesson_progress_activity ON lesson_progress (course_id, updated_at)")

        try await database.schema(UserStreak.schema)
            .field(.id, .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("current_streak", .int, .required)
            .field("longest_streak", .int, .required)
            .field("last_active_day", .string)
            .auditFields()
            .create()
        try await database.sqlRaw("CREATE UNIQUE INDEX user_streaks_user ON user_streaks (user_id)")
        // Sign-in looks users up by email through Fluent; the unique index on live emails is partial.
        try await database.sqlRaw("CREATE INDEX users_email ON users (email)")
        // The dashboard's last attempts.
        try await database.sqlRaw("CREATE INDEX quiz_attempts_user_recent ON quiz_attempts (user_id, started_at)")
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(UserStreak.schema).delete()
        try await database.schema(LessonProgress.schema).delete()
        try await database.schema(Enrollment.schema).delete()
        try await database.schema(User.schema).deleteField("time_zone").update()
    }
}
