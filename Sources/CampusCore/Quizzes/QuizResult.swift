import Foundation

/// The outcome of one attempt, as `QuizScoring.score` computes it.
public struct QuizResult: Sendable, Equatable, Codable {
    /// `overall` rounded half to even; levels and passing compare against this.
    public var score: Int
    /// The weighted mean of the category percentages, unrounded.
    public var overall: Double
    /// Sorted by key; only categories with at least one question in the attempt.
    public var categoryScores: [CategoryScore]
    /// The highest level whose threshold the score reaches; nil when the quiz has none that low.
    public var level: QuizLevel?
    public var passed: Bool
    /// Keys of categories scoring 70 or more, best first.
    public var strengths: [String]
    /// Keys of categories scoring under 60, weakest first.
    public var weaknesses: [String]
    /// In the order the questions were given to `QuizScoring.score`.
    public var questionScores: [QuestionScore]
    public var points: Double
    public var maxPoints: Double

    public init(
        score: Int, overall: Double, categoryScores: [CategoryScore], level: QuizLevel?, passed: Bool,
        strengths: [String], weaknesses: [String], questionScores: [QuestionScore], points: Double, maxPoints: Double
    ) {
        self.score = score
        self.overall = overall
        self.categoryScores = categoryScores
        self.level = level
        self.passed = passed
        self.strengths = strengths
        self.weaknesses = weaknesses
        self.questionScores = questionScores
        self.points = points
        self.maxPoints = maxPoints
    }
}
