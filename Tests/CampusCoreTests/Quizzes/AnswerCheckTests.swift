import Foundation
import Testing
@testable import CampusCore

@Suite("Interpreting submitted answers")
struct AnswerCheckTests {
    typealias F = QuizContentFactories
    let single = F.choiceQuestion(mode: .single, weights: ["a": 1, "b": 2, "c": 0])
    let multiple = F.choiceQuestion(mode: .multiple, weights: ["a": 1, "b": 2, "c": -1])
    let text = F.textQuestion(accepted: [AcceptedAnswer(answer: "idempotency", weight: 5)])

    /// The issue an interpretation throws, or nil when it succeeds.
    func issue(_ value: JSONValue, for question: Question) -> ContentIssue? {
        do {
            _ = try AnswerCheck.interpret(value, for: question, path: "answers.q1")
            return nil
        } catch {
            return error
        }
    }

    @Test("a single-choice answer is one option value")
    func singleChoice() throws {
        #expect(try AnswerCheck.interpret("b", for: single, path: "answers.q1") == .single("b"))
    }

    @Test("a single-choice answer that is not a string is refused", arguments: [
        JSONValue.array(["a"]), .int(1), .null, .bool(true), .object(["value": "a"]),
    ])
    func singleChoiceNotString(value: JSONValue) {
        #expect(issue(value, for: single) == ContentIssue(path: "answers.q1", message: "must be a string"))
    }

    @Test("a single-choice answer naming no option is refused")
    func singleChoiceUnknown() {
        #expect(issue("z", for: single) == ContentIssue(path: "answers.q1", message: "no such option \"z\""))
        #expect(issue("A", for: single) == ContentIssue(path: "answers.q1", message: "no such option \"A\""))
    }

    @Test("a multiple-choice answer is an array of option values, kept in the order sent")
    func multipleChoice() throws {
        #expect(try AnswerCheck.interpret(["c", "a"], for: multiple, path: "answers.q1") == .multiple(["c", "a"]))
    }

    @Test("a multiple-choice answer given as one string becomes a one-element array")
    func multipleChoiceFromString() throws {
        #expect(try AnswerCheck.interpret("b", for: multiple, path: "answers.q1") == .multiple(["b"]))
    }

    @Test("an empty multiple-choice answer is allowed")
    func multipleChoiceEmpty() throws {
        #expect(try AnswerCheck.interpret([], for: multiple, path: "answers.q1") == .multiple([]))
    }

    @Test("a multiple-choice answer that is not an array of strings is refused", arguments: [
        JSONValue.int(1), .null, .object([:]), .array(["a", 2]), .array([.null]),
    ])
    func multipleChoiceWrongShape(value: JSONValue) {
        #expect(issue(value, for: multiple) == ContentIssue(path: "answers.q1", message: "must be an array of option values"))
    }

    @Test("a multiple-choice answer naming no option is refused")
    func multipleChoiceUnknown() {
        #expect(issue(["a", "z"], for: multiple) == ContentIssue(path: "answers.q1", message: "no such option \"z\""))
        #expect(issue("z", for: multiple) == ContentIssue(path: "answers.q1", message: "no such option \"z\""))
    }

    @Test("a multiple-choice answer choosing an option twice is refused")
    func multipleChoiceRepeated() {
        #expect(issue(["a", "b", "a"], for: multiple) == ContentIssue(path: "answers.q1", message: "option \"a\" is chosen twice"))
    }

    @Test("a text answer is kept as typed")
    func textAnswer() throws {
        #expect(try AnswerCheck.interpret("  Idempotency ", for: text, path: "answers.q1") == .text("  Idempotency "))
        #expect(try AnswerCheck.interpret("", for: text, path: "answers.q1") == .text(""))
    }

    @Test("a text answer may be 2000 characters but not 2001")
    func textLength() throws {
        let longest = String(repeating: "я", count: 2000)
        #expect(try AnswerCheck.interpret(.string(longest), for: text, path: "answers.q1") == .text(longest))
        #expect(issue(.string(longest + "я"), for: text) == ContentIssue(path: "answers.q1", message: "must be at most 2000 characters"))
    }

    @Test("a text answer that is not a string is refused", arguments: [JSONValue.array(["idempotency"]), .int(5), .null])
    func textNotString(value: JSONValue) {
        #expect(issue(value, for: text) == ContentIssue(path: "answers.q1", message: "must be a string"))
    }
}

@Suite("Submitted answers on the wire")
struct SubmittedAnswerCodingTests {
    @Test("decode a string as single and an array as multiple")
    func decoding() throws {
        let decoder = JSONDecoder()
        #expect(try decoder.decode(SubmittedAnswer.self, from: Data(#""b""#.utf8)) == .single("b"))
        #expect(try decoder.decode(SubmittedAnswer.self, from: Data(#"["a","c"]"#.utf8)) == .multiple(["a", "c"]))
        #expect(try decoder.decode([String: SubmittedAnswer].self, from: Data(#"{"q1":"a","q2":[]}"#.utf8))
            == ["q1": .single("a"), "q2": .multiple([])])
    }

    @Test("refuse anything but a string or an array of strings", arguments: ["1", "null", "{}", #"[1]"#, "true"])
    func decodingRefused(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SubmittedAnswer.self, from: Data(json.utf8))
        }
    }

    @Test("encode as the plain JSON value")
    func encoding() throws {
        let encoder = JSONEncoder()
        func json(_ answer: SubmittedAnswer) throws -> String { String(decoding: try encoder.encode(answer), as: UTF8.self) }
        #expect(try json(.single("a")) == #""a""#)
        #expect(try json(.text("идемпотентность")) == #""идемпотентность""#)
        #expect(try json(.multiple(["a", "b"])) == #"["a","b"]"#)
    }
}

@Suite("Normalizing text answers")
struct TextAnswerTests {
    @Test("ignores case, surrounding and repeated whitespace, and the dots of ё", arguments: [
        ("Идемпотентность", "идемпотентность"),
        ("  idempotency\n", "idempotency"),
        ("eventual \t  consistency", "eventual consistency"),
        ("ЁЛКА", "елка"),
        ("всё", "все"),
        ("ве\u{0435}\u{0308}", "вее"),  // ё written as е + combining diaeresis
        ("REST  API\u{00A0}design", "rest api design"),
        ("   ", ""),
    ])
    func normalizes(raw: String, expected: String) {
        #expect(TextAnswer.normalize(raw) == expected)
    }

    @Test("keeps punctuation and inner characters as they are")
    func keepsPunctuation() {
        #expect(TextAnswer.normalize("At-least-once, delivery!") == "at-least-once, delivery!")
    }
}
