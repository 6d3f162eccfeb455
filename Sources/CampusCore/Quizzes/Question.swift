import Foundation

/// One question of the bank, as validated by `QuizContentParser.parseQuestion`.
public struct Question: Sendable, Equatable {
    public var id: String
    /// The key of the quiz category the question counts towards.
    public var category: String
    /// The bank's free-form kind ("case", "theory", …); informational only.
    public var type: String?
    public var mode: AnswerMode
    /// The question as the learner reads it.
    public var text: String
    /// Empty for text questions.
    public var options: [QuestionOption]
    /// Points per option value; an option without an entry is worth 0. Empty for text questions.
    public var weights: [String: Double]
    /// Empty unless `mode` is `.text`.
    public var accepted: [AcceptedAnswer]
    public var explanation: String?
    /// Kept as stored (`{"en": {"question": …, "options": {…}}}`) so new languages need no code change.
    public var translations: JSONObject?
    /// The id this question had in its source before an import renamed a duplicate (`msg12` for `msg12-2`).
    public var renamedFrom: String?

    public init(
        id: String,
        category: String,
        type: String? = nil,
        mode: AnswerMode = .single,
        text: String,
        options: [QuestionOption] = [],
        weights: [String: Double] = [:],
        accepted: [AcceptedAnswer] = [],
        explanation: String? = nil,
        translations: JSONObject? = nil,
        renamedFrom: String? = nil
    ) {
        self.id = id
        self.category = category
        self.type = type
        self.mode = mode
        self.text = text
        self.options = options
        self.weights = weights
        self.accepted = accepted
        self.explanation = explanation
        self.translations = translations
        self.renamedFrom = renamedFrom
    }

    /// The most a learner can earn here: the best option's weight (single), all positive weights
    /// together (multiple), or the best accepted answer's weight (text); never below 0.
    public var maxPoints: Double {
        switch mode {
        case .single:
            max(0, options.map { weight(ofOption: $0.value) }.max() ?? 0)
        case .multiple:
            options.map { weight(ofOption: $0.value) }.filter { $0 > 0 }.reduce(0, +)
        case .text:
            max(0, accepted.map(\.weight).max() ?? 0)
        }
    }

    /// The options that earn the most: for single mode the first option with the highest weight,
    /// for multiple mode every option with a positive weight, in option order. Empty for text
    /// questions and when no option scores above 0, since then no choice is "right".
    public var bestOptions: [QuestionOption] {
        switch mode {
        case .single:
            var best: QuestionOption?
            var bestWeight = 0.0
            for option in options where weight(ofOption: option.value) > bestWeight {
                best = option
                bestWeight = weight(ofOption: option.value)
            }
            return best.map { [$0] } ?? []
        case .multiple:
            return options.filter { weight(ofOption: $0.value) > 0 }
        case .text:
            return []
        }
    }

    /// The weight of an option this question actually offers; anything else is worth 0, so a stray
    /// key in `weights` can never be scored.
    func weight(ofOption value: String) -> Double {
        guard options.contains(where: { $0.value == value }) else { return 0 }
        return weights[value] ?? 0
    }
}
