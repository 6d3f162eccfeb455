import CampusCore
import CampusLearning
import FluentKit
import Foundation
import SQLKit

/// Keeps the learner's three latest standing awards on their dashboard (learning's `DashboardHighlights`),
/// rewritten after every award or revocation, so the dashboard's one statement never reads this
/// domain's tables.
package struct AchievementHighlights: Sendable {
    let database: any Database

    package init(database: any Database) {
        self.database = database
    }

    package static let shown = 3

    package func refresh(userID: UUID, at now: Date) async throws {
        let rows = try await database.sql.raw("""
            SELECT a.code, a.title, a.icon, u.awarded_at FROM user_achievements u JOIN achievements a ON a.id = u.achievement_id
            WHERE u.user_id = \(bind: userID) AND u.deleted_at IS NULL AND u.revoked_at IS NULL
            ORDER BY u.awarded_at DESC, u.id DESC LIMIT \(unsafeRaw: String(Self.shown))
            """).all()
        let recent = try rows.map { row in
            let title = LocalizedText((try? JSONValue.parse(try row.decode(column: "title", as: String.self))) ?? .null)
            return DashboardAchievementDTO(code: try row.decode(column: "code", as: String.self), title: title?.text(in: .en) ?? "",
                                           icon: try row.decode(column: "icon", as: String?.self),
                                           awardedAt: try row.decode(column: "awarded_at", as: Date.self))
        }
        try await DashboardHighlights(database: database).setRecentAchievements(recent, userID: userID, at: now)
    }
}
