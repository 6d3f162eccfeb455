import CampusCore
import CampusPlatform

/// What a finished attempt shows per question: the answer given, the best answer and the points.
package enum QuestionDetails {
    package static func build(asked: [Question], answers: [String: SubmittedAnswer], result: QuizResult) -> [QuestionDetailDTO] {
        let scores = Dictionary(result.questionScores.map { ($0.questionID, $0) }, uniquingKeysWith: { first, _ in first })
        return asked.map { question in
            let answer = answers[question.id]
            let score = scores[question.id]
            let text: (String) -> String? = { value in question.options.first { $0.value == value }?.text }
            let best = question.bestOptions
            var chosen: JSONValue?
            var chosenText: String?
            switch answer {
            case .single(let value):
                chosen = .string(value)
                chosenText = text(value)
            case .multiple(let values):
                chosen = .array(values.map(JSONValue.string))
                chosenText = values.compactMap(text).joined(separator: "; ")
            case .text(let value):
                chosen = .string(value)
                chosenText = value
            case nil:
                break
            }
            let bestValue: JSONValue? = switch question.mode {
            case .single: best.first.map { .string($0.value) }
            case .multiple: .array(best.map { .string($0.value) })
            case .text: question.accepted.max(by: { $0.weight < $1.weight }).map { .string($0.answer) }
            }
            let bestText: String? = switch question.mode {
            case .single: best.first?.text
            case .multiple: best.map(\.text).joined(separator: "; ")
            case .text: question.accepted.max(by: { $0.weight < $1.weight })?.answer
            }
            let points = score?.points ?? 0
            let maxPoints = score?.maxPoints ?? question.maxPoints
            return QuestionDetailDTO(questionID: question.id, category: question.category, question: question.text,
                                     mode: question.mode.rawValue, chosen: chosen, chosenText: chosenText,
                                     bestValue: bestValue, bestText: bestText, points: points, maxPoints: maxPoints,
                                     correct: maxPoints > 0 && points >= maxPoints, explanation: question.explanation)
        }
    }
}
