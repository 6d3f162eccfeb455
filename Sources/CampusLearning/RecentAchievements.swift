import FluentKit
import Foundation

/// The dashboard's three most recent achievements. Learning owns the question; the achievements domain
/// answers it and the app wires it in, so learning never reads achievements' tables.
package protocol RecentAchievements: Sendable {
    func recent(userID: UUID, limit: Int, on database: any Database) async throws -> [DashboardAchievementDTO]
}

package struct NoRecentAchievements: RecentAchievements {
    package init() {}
    package func recent(userID: UUID, limit: Int, on database: any Database) async throws -> [DashboardAchievementDTO] { [] }
}
