import Foundation

/// One choice of a single- or multiple-answer question.
public struct QuestionOption: Sendable, Equatable, Codable {
    /// The stable key clients send back and `Question.weights` is keyed by, e.g. `"a"`.
    public var value: String
    /// What the learner reads.
    public var text: String

    public init(value: String, text: String) {
        self.value = value
        self.text = text
    }
}
