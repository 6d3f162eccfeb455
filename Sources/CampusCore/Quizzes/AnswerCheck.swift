import Foundation

/// Turns what a client sent for a question into an answer the scoring understands, refusing what
/// can't be an answer to it.
public enum AnswerCheck {
    /// Longer text is not an answer to a short-answer question, and would bloat stored attempts.
    public static let maximumTextLength = 2000

    /// Interprets a client's JSON answer for a question: single needs a string that is an option value;
    /// multiple accepts an array of distinct option values (a single string is accepted as a one-element
    /// array; an empty array is allowed and scores 0); text needs a string of ≤ 2000 characters.
    /// Throws a ContentIssue with the given path and a message like `no such option "z"`,
    /// `must be a string`, `must be an array of option values`.
    public static func interpret(_ value: JSONValue, for question: Question, path: String) throws(ContentIssue) -> SubmittedAnswer {
        switch question.mode {
        case .single:
            guard case .string(let choice) = value else { throw ContentIssue(path: path, message: "must be a string") }
            try requireOption(choice, of: question, path: path)
            return .single(choice)

        case .multiple:
            let choices: [String]
            switch value {
            case .string(let choice):
                choices = [choice]
            case .array(let items):
                choices = try items.map { item throws(ContentIssue) in
                    guard case .string(let choice) = item else {
                        throw ContentIssue(path: path, message: "must be an array of option values")
                    }
                    return choice
                }
            default:
                throw ContentIssue(path: path, message: "must be an array of option values")
            }
            var seen: Set<String> = []
            for choice in choices {
                try requireOption(choice, of: question, path: path)
                guard seen.insert(choice).inserted else {
                    throw ContentIssue(path: path, message: "option \"\(choice)\" is chosen twice")
                }
            }
            return .multiple(choices)

        case .text:
            guard case .string(let text) = value else { throw ContentIssue(path: path, message: "must be a string") }
            guard text.count <= maximumTextLength else {
                throw ContentIssue(path: path, message: "must be at most \(maximumTextLength) characters")
            }
            return .text(text)
        }
    }

    private static func requireOption(_ choice: String, of question: Question, path: String) throws(ContentIssue) {
        guard question.options.contains(where: { $0.value == choice }) else {
            throw ContentIssue(path: path, message: "no such option \"\(choice)\"")
        }
    }
}
