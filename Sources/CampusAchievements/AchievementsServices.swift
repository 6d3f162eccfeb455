import CampusPlatform
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// What the achievements domain keeps for the life of the process.
package final class AchievementsServices: Sendable {
    package let active: ActiveAchievements
    package let awarder: AchievementAwarder
    package let sweeper: AchievementSweeper
    /// `holders_percent` per achievement, from one aggregate, kept a minute.
    package let rarity: TimedCache<String, RarityFigures>
    /// Each leaderboard's learners per points value, for ranks of callers far down a large board.
    package let standings: BoardStandings

    package init(active: ActiveAchievements, awarder: AchievementAwarder, sweeper: AchievementSweeper, clock: CampusClock) {
        self.active = active
        self.awarder = awarder
        self.sweeper = sweeper
        self.rarity = TimedCache(lifetime: 60, capacity: 4)
        self.standings = BoardStandings()
    }
}

package struct RarityFigures: Sendable {
    package var holders: [UUID: Int]
    package var activeLearners: Int

    package func percent(_ id: UUID) -> Double {
        guard activeLearners > 0 else { return 0 }
        return (Double(holders[id] ?? 0) * 1000 / Double(activeLearners)).rounded() / 10
    }
}

extension Application {
    package var achievements: AchievementsServices {
        get { domainServices() }
        set { setDomainServices(newValue) }
    }
}

extension Request {
    package var achievements: AchievementsServices { application.achievements }
}
