import CampusPlatform
import FluentKit
import Foundation
import NIOConcurrencyHelpers

/// The active achievements, read at most every two seconds per instance and at once after a change
/// made here: every lesson completion evaluates them, so they are not read per event.
package final class ActiveAchievements: Sendable {
    private let cached = NIOLockedValueBox<(loadedAt: Date, achievements: [Achievement])?>(nil)
    let clock: CampusClock
    static let lifetime: TimeInterval = 2

    package init(clock: CampusClock) {
        self.clock = clock
    }

    package func all(on database: any Database) async throws -> [Achievement] {
        let now = clock.now()
        if let hit = cached.withLockedValue({ $0 }), now >= hit.loadedAt, now.timeIntervalSince(hit.loadedAt) < Self.lifetime {
            return hit.achievements
        }
        let achievements = try await AchievementStore(database: database).all(activeOnly: true)
        cached.withLockedValue { $0 = (now, achievements) }
        return achievements
    }

    package func forget() {
        cached.withLockedValue { $0 = nil }
    }
}
