import CampusCatalog
import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import Logging

/// The demo achievements (`achievements` in the demo content file), created on the first start of an
/// empty platform, through the same checks as the admin API. Their rules name the demo course and quiz, so
/// they are made only beside the demo content: a data folder that got its own content first (imported
/// before the first start) starts without them instead of failing on a rule about a missing quiz.
package enum DemoAchievements {
    package static func loadIfEmpty(from url: URL?, platform: PlatformServices, database: any Database, logger: Logger) async throws {
        guard let url, try await AchievementStore(database: database).all(activeOnly: false).isEmpty,
              try await platform.content.get(ContentCollection.courses, id: DemoCatalog.courseContentID) != nil,
              let items = try JSONValue.parse(Data(contentsOf: url))["achievements"]?.arrayValue else { return }
        let store = AchievementStore(database: database)
        let input = AchievementInput(database: database, content: platform.content)
        for item in items {
            guard let body = item.objectValue else { continue }
            var achievement = try await input.read(body, existing: nil, now: platform.clock.now())
            achievement.id = UUID.v7()
            try await store.insert(achievement, by: nil)
        }
        logger.notice("demo achievements created", metadata: ["achievements": .stringConvertible(items.count)])
    }
}
