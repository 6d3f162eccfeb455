import Foundation

/// What one question earned in an attempt.
public struct QuestionScore: Sendable, Equatable, Codable {
    public var questionID: String
    public var category: String
    public var points: Double
    public var maxPoints: Double
    /// Whether any answer was given, even one worth nothing (an empty multiple choice counts).
    public var answered: Bool

    public init(questionID: String, category: String, points: Double, maxPoints: Double, answered: Bool) {
        self.questionID = questionID
        self.category = category
        self.points = points
        self.maxPoints = maxPoints
        self.answered = answered
    }
}
