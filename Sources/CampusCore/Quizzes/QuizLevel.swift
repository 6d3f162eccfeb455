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

    public init(
        key: String,
        minScore: Double,
        icon: String? = nil,
        description: String? = nil,
        nextLevel: String? = nil,
        minYears: String? = nil
    ) {
        self.key = key
        self.minScore = minScore
        self.icon = icon
        self.description = description
        self.nextLevel = nextLevel
        self.minYears = minYears
    }
}
