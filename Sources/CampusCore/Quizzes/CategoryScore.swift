import Foundation

/// How an attempt did in one category that had questions in it.
public struct CategoryScore: Sendable, Equatable, Codable {
    public var key: String
    public var name: String
    public var icon: String?
    /// The category's weight in the overall score.
    public var weight: Double
    /// Percentage 0…100, rounded half to even.
    public var score: Int
    public var points: Double
    public var maxPoints: Double
    public var questionCount: Int

    public init(
        key: String, name: String, icon: String? = nil, weight: Double, score: Int,
        points: Double, maxPoints: Double, questionCount: Int
    ) {
        self.key = key
        self.name = name
        self.icon = icon
        self.weight = weight
        self.score = score
        self.points = points
        self.maxPoints = maxPoints
        self.questionCount = questionCount
    }
}
