import Foundation

/// How attempts at a quiz behave; defaults match a quiz whose `settings` are absent.
public struct QuizSettings: Sendable, Equatable, Codable {
    public var shuffleQuestions: Bool
    public var shuffleOptions: Bool
    /// Whether results may show which options were best.
    public var showCorrectAnswers: Bool
    /// Whether an attempt may be submitted with questions unanswered.
    public var allowSkip: Bool
    /// Overrides the quiz's `durationMinutes` when set.
    public var timeLimitMinutes: Int?
    /// nil = unlimited.
    public var maxAttempts: Int?

    public init(
        shuffleQuestions: Bool = false,
        shuffleOptions: Bool = false,
        showCorrectAnswers: Bool = true,
        allowSkip: Bool = false,
        timeLimitMinutes: Int? = nil,
        maxAttempts: Int? = nil
    ) {
        self.shuffleQuestions = shuffleQuestions
        self.shuffleOptions = shuffleOptions
        self.showCorrectAnswers = showCorrectAnswers
        self.allowSkip = allowSkip
        self.timeLimitMinutes = timeLimitMinutes
        self.maxAttempts = maxAttempts
    }
}
