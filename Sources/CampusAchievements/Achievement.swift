import CampusCore
import Foundation

/// An achievement as stored: what it is called and shows, and the rule that earns it.
package struct Achievement: Sendable, Equatable {
    package enum Rarity: String, Sendable, CaseIterable, Codable {
        case common, rare, epic, legendary
    }

    package enum Status: String, Sendable, CaseIterable, Codable {
        case active, retired
    }

    package var id: UUID
    package var code: String
    package var title: LocalizedText
    package var description: LocalizedText
    package var icon: String?
    package var rarity: Rarity
    package var points: Int
    /// The rule as authored (slugs and all), kept for the admin to read back.
    package var ruleJSON: JSONValue
    /// The rule with its references resolved, as it is evaluated.
    package var rule: AchievementRule
    package var status: Status
    package var createdAt: Date
    package var updatedAt: Date
}
