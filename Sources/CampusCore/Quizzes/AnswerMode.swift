import Foundation

/// How a question is answered: one option, any set of options, or free text.
public enum AnswerMode: String, Sendable, Codable, CaseIterable {
    /// Exactly one option; it scores its weight.
    case single
    /// Any set of options (possibly none); their weights add up, never below 0.
    case multiple
    /// Typed text, compared with the accepted answers after `TextAnswer.normalize`.
    case text
}
