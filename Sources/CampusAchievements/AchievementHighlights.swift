import CampusCore
import CampusLearning
import FluentKit
import Foundation
import SQLKit

/// Learning's dashboard question, answered: the learner's latest awards that still stand.
package struct AchievementHighlights: RecentAchievements {
    package init() {}

    package func recent(userID: UUID, limit: Int, on database: any Database) async throws -> [DashboardAchievementDTO] {
        let rows = try await database.sql.raw("""
            SELECT a.code, a.title, a.icon, u.awarded_at FROM user_achievements u JOIN achievements a ON a.id = u.achievement_id
            WHERE u.user_id = \(bind: userID) AND u.deleted_at IS NULL AND u.revoked_at IS NULL
            ORDER BY u.awarded_at DESC, u.id DESC LIMIT \(unsafeRaw: String(limit))
            """).all()
        return try rows.map { row in
            let title = LocalizedText((try? JSONValue.parse(try row.decode(column: "title", as: String.self))) ?? .null)
            return DashboardAchievementDTO(code: try row.decode(column: "code", as: String.self), title: title?.text(in: .en) ?? "",
                                           icon: try row.decode(column: "icon", as: String?.self),
                                           awardedAt: try row.decode(column: "awarded_at", as: Date.self))
        }
    }
}
