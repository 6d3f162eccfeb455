import Foundation

/// A grade a score can reach ("middle_plus" from 70), from the quiz's `level_config`.
public struct QuizLevel: Sendable, Equatable, Codable {
    public var key: String
    /// The lowest overall score (0…100) that reaches this level.
    public var minScore: Double
    public var icon: String?
    public var description: String?
    /// The key of the grade that follows, which may lie beyond this quiz (e.g. "lead_architect").
    public var nextLevel: String?
    /// Typical experience for the level, as written in the content (e.g. "5+").
    public var minYears: String?
    /// The name people read ("Middle+"); without one the key is turned into it (`displayName`).
    public var name: String?

    public init(
        key: String,
        minScore: Double,
        icon: String? = nil,
        description: String? = nil,
        nextLevel: String? = nil,
        minYears: String? = nil,
        name: String? = nil
    ) {
        self.key = key
        self.minScore = minScore
        self.icon = icon
        self.description = description
        self.nextLevel = nextLevel
        self.minYears = minYears
        self.name = name
    }

    public var displayName: String { name ?? Self.displayName(forKey: key) }

    /// `middle_plus` → `Middle+`, `junior_plus` → `Junior+`, `lead_architect` → `Lead/Architect`,
    /// `senior` → `Senior`: the names the replaced service shows for its level keys.
    public static func displayName(forKey key: String) -> String {
        var words = key.split(separator: "_").map(String.init)
        var suffix = ""
        if words.count > 1, words.last?.lowercased() == "plus" {
            words.removeLast()
            suffix = "+"
        }
        return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "/") + suffix
    }
}
