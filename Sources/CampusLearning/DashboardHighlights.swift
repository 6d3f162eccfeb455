import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import SQLKit

/// What other domains put on the learner's dashboard (today the three most recent achievements), kept
/// in learning's own `dashboard_highlights` so the dashboard's one statement reads it with everything
/// else. The domain that owns the facts writes here (a downward call); a trigger bumps the snapshot.
package struct DashboardHighlights: Sendable {
    let database: any Database

    package init(database: any Database) {
        self.database = database
    }

    package func setRecentAchievements(_ achievements: [DashboardAchievementDTO], userID: UUID, at now: Date) async throws {
        let items = JSONValue.array(achievements.map { item in
            var members: JSONObject = ["code": .string(item.code), "title": .string(item.title),
                                       "awarded_at": .double(item.awardedAt.timeIntervalSince1970)]
            if let icon = item.icon { members["icon"] = .string(icon) }
            return .object(members)
        })
        try await database.sql.raw("""
            INSERT INTO dashboard_highlights (user_id, achievements, updated_at) VALUES (\(bind: userID), \(bind: try items.jsonText()), \(bind: now))
            ON CONFLICT (user_id) DO UPDATE SET achievements = excluded.achievements, updated_at = excluded.updated_at
            """).run()
    }

    static func recentAchievements(_ text: String?) -> [DashboardAchievementDTO] {
        guard let text, let items = (try? JSONValue.parse(text))?.arrayValue else { return [] }
        return items.compactMap { item in
            guard let code = item["code"]?.stringValue, let seconds = item["awarded_at"]?.doubleValue else { return nil }
            return DashboardAchievementDTO(code: code, title: item["title"]?.stringValue ?? code, icon: item["icon"]?.stringValue,
                                           awardedAt: Date(timeIntervalSince1970: seconds))
        }
    }
}

/// `dashboard_highlights`, and the dashboard snapshot's column for it. Its writes bump the snapshot
/// version like the other tables the dashboard reads.
package struct CreateDashboardHighlights: AsyncMigration {
    package init() {}

    package var name: String { "CreateDashboardHighlights" }

    package func prepare(on database: any Database) async throws {
        try await database.sqlRaw("""
            CREATE TABLE dashboard_highlights (user_id UUID PRIMARY KEY, achievements TEXT NOT NULL, updated_at TIMESTAMP)
            """)
        try await database.sqlRaw("ALTER TABLE dashboard_snapshots ADD COLUMN highlights TEXT")
        if database.isPostgres {
            try await database.sqlRaw("""
                CREATE TRIGGER dashboard_highlights_dashboard AFTER INSERT OR UPDATE OR DELETE ON dashboard_highlights
                FOR EACH ROW EXECUTE FUNCTION dashboard_snapshot_touch()
                """)
        } else {
            for (event, row) in [("INSERT", "new"), ("UPDATE", "new"), ("DELETE", "old")] {
                try await database.sqlRaw("""
                    CREATE TRIGGER dashboard_highlights_dashboard_\(unsafeRaw: event.lowercased()) AFTER \(unsafeRaw: event) ON dashboard_highlights
                    BEGIN
                    INSERT INTO dashboard_snapshots (user_id, version) VALUES (\(unsafeRaw: row).user_id, 1)
                    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
                    END
                    """)
            }
        }
    }

    package func revert(on database: any Database) async throws {
        try await database.sqlRaw("DROP TABLE IF EXISTS dashboard_highlights")
    }
}
