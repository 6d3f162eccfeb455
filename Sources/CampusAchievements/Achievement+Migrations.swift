import CampusAccounts
import CampusPlatform
import FluentKit
import SQLKit

/// `achievements`, `user_achievements` and the append-only `points_ledger`.
package struct CreateAchievements: AsyncMigration {
    package init() {}

    package var name: String { "CreateAchievements" }

    package func prepare(on database: any Database) async throws {
        try await database.schema("achievements")
            .field(.id, .uuid, .identifier(auto: false))
            .field("code", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("icon", .string)
            .field("rarity", .string, .required)
            .field("points", .int, .required)
            .field("rule", .string, .required)
            .field("resolved_rule", .string, .required)
            .field("status", .string, .required)
            .auditFields()
            .create()
        try await database.sqlRaw("CREATE UNIQUE INDEX achievements_code ON achievements (code) WHERE deleted_at IS NULL")
        try await database.schema("user_achievements")
            .field(.id, .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("achievement_id", .uuid, .required)
            .field("awarded_at", .datetime, .required)
            .field("context", .string, .required)
            .field("revoked_at", .datetime)
            .field("revoked_reason", .string)
            .field("revoked_by", .uuid)
            .auditFields()
            .create()
        // Awarded at most once per user among live rows: concurrent events race on this index, one wins.
        try await database.sqlRaw("""
            CREATE UNIQUE INDEX user_achievements_once ON user_achievements (user_id, achievement_id) WHERE deleted_at IS NULL
            """)
        try await database.sqlRaw("CREATE INDEX user_achievements_recent ON user_achievements (user_id, awarded_at)")
        try await database.sqlRaw("CREATE INDEX user_achievements_holders ON user_achievements (achievement_id, user_id)")
        try await database.schema("points_ledger")
            .field(.id, .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("points", .int, .required)
            .field("reason", .string, .required)
            .field("reference", .string, .required)
            .field("course_id", .uuid)
            .field("category_id", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        // A retried event never pays twice.
        try await database.sqlRaw("CREATE UNIQUE INDEX points_ledger_once ON points_ledger (user_id, reason, reference)")
        try await database.sqlRaw("CREATE INDEX points_ledger_time ON points_ledger (created_at, user_id, points)")
        try await database.sqlRaw("CREATE INDEX points_ledger_user ON points_ledger (user_id, points)")
        // Each board's running totals, added to as the ledger grows, so a leaderboard reads the top of one
        // index instead of summing the ledger (`board`: all, week:2026-49, all|course:<id>, …).
        try await database.schema("points_totals")
            .field("board", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("points", .int64, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.sqlRaw("CREATE UNIQUE INDEX points_totals_entry ON points_totals (board, user_id)")
        // Where the sweep that re-evaluates changed learners left off (`AchievementSweeper`).
        try await database.sqlRaw("CREATE TABLE achievement_sweeps (name VARCHAR(64) PRIMARY KEY, watermark TIMESTAMP NOT NULL)")
        try await database.sqlRaw("CREATE INDEX points_totals_rank ON points_totals (board, points, user_id)")
    }

    package func revert(on database: any Database) async throws {
        for table in ["achievement_sweeps", "points_totals", "points_ledger", "user_achievements", "achievements"] { try await database.schema(table).delete() }
    }
}
