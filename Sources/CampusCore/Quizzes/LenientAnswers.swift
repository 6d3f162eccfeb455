import Foundation

/// How the public test of the replaced service reads answers, which its front end relies on: nothing a
/// client sends is refused. An id the attempt does not ask is ignored; a value that is no option of its
/// question is kept and scores 0; `""`, `null` and `[]` are unanswered, as is a question left out,
/// whatever the quiz's `allow_skip` says. A question renamed on import (`msg12` → `msg12-2`) without an
/// answer of its own takes the one sent for its old id when that is one of its options, so a client
/// that knows only the old ids keeps its score.
public enum LenientAnswers {
    public static func interpret(_ answers: [String: JSONValue], questions: [Question]) -> [String: SubmittedAnswer] {
        var interpreted: [String: SubmittedAnswer] = [:]
        for question in questions {
            if let own = answers[question.id] {
                if let answer = read(own, for: question) { interpreted[question.id] = answer }
            } else if let oldID = question.renamedFrom, let inherited = answers[oldID].flatMap({ read($0, for: question) }),
                      isOption(inherited, of: question) {
                interpreted[question.id] = inherited
            }
        }
        return interpreted
    }

    /// The answers as they will be stored with the attempt: only the questions it asks, nothing unanswered.
    public static func kept(_ answers: [String: SubmittedAnswer]) -> [String: JSONValue] {
        answers.mapValues { answer in
            switch answer {
            case .single(let value), .text(let value): .string(value)
            case .multiple(let values): .array(values.map(JSONValue.string))
            }
        }
    }

    private static func read(_ value: JSONValue, for question: Question) -> SubmittedAnswer? {
        switch value {
        case .null:
            return nil
        case .string(let text):
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return question.mode == .text ? .text(text) : .single(text)
        case .array(let items):
            let values = items.compactMap(scalarText)
            guard !values.isEmpty else { return nil }
            return question.mode == .text ? .text(values.joined(separator: " ")) : .multiple(values)
        case .bool, .int, .double:
            return scalarText(value).map { question.mode == .text ? .text($0) : .single($0) }
        case .object:
            return .single("")   // no option has this value: it scores 0 and shows as answered
        }
    }

    private static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text.isEmpty ? nil : text
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): String(flag)
        case .null, .array, .object: nil
        }
    }

    private static func isOption(_ answer: SubmittedAnswer, of question: Question) -> Bool {
        let values = Set(question.options.map(\.value))
        switch answer {
        case .single(let value): return values.contains(value)
        case .multiple(let chosen): return chosen.allSatisfy(values.contains)
        case .text: return question.mode == .text
        }
    }
}
