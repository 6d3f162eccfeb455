import Foundation

/// A learner's answer to one question.
///
/// On the wire it is the plain JSON value: a string, or an array of strings. A decoded string is
/// `.single` because the JSON alone can't tell a chosen option from typed text; the server turns it
/// into the right case with `AnswerCheck.interpret`, and scoring accepts either case for text.
public enum SubmittedAnswer: Sendable, Equatable, Codable {
    case single(String)
    case multiple([String])
    case text(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(String.self) {
            self = .single(value)
        } else if let values = try? container.decode([String].self) {
            self = .multiple(values)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "an answer is a string or an array of strings")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .single(let value), .text(let value): try container.encode(value)
        case .multiple(let values): try container.encode(values)
        }
    }
}
