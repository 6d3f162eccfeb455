import Foundation
import Testing
@testable import CampusCore

@Suite("Parsing bank questions")
struct QuestionParserTests {
    typealias F = QuizContentFactories

    @Test("accepts a realistic single-choice question with translations and an explanation")
    func realisticQuestion() throws {
        // given
        let text = #"""
        {"id":"doc1","category":"documentation","type":"case",
         "question":"Команда начинает интеграцию. Какой документ написать первым?",
         "options":[{"value":"a","text":"Глоссарий"},{"value":"b","text":"Описание OpenAPI"},
                    {"value":"c","text":"Руководство пользователя"},{"value":"d","text":"Ничего"}],
         "weights":{"a":4,"b":5,"c":2,"d":0},
         "translations":{"en":{"question":"Which document first?","options":{"a":"Glossary"}}},
         "explanation":"Контракт API снимает больше всего неопределённости."}
        """#
        let document = try #require(try JSONValue.parse(text).objectValue)

        // when
        let question = try QuizContentParser.parseQuestion(document, path: "questions[0]")

        // then
        #expect(question.id == "doc1")
        #expect(question.category == "documentation")
        #expect(question.type == "case")
        #expect(question.mode == .single)
        #expect(question.text == "Команда начинает интеграцию. Какой документ написать первым?")
        #expect(question.options.map(\.value) == ["a", "b", "c", "d"])
        #expect(question.options[1].text == "Описание OpenAPI")
        #expect(question.weights == ["a": 4, "b": 5, "c": 2, "d": 0])
        #expect(question.accepted.isEmpty)
        #expect(question.explanation == "Контракт API снимает больше всего неопределённости.")
        #expect(question.translations?["en"]?["question"] == "Which document first?")
        #expect(question.maxPoints == 5)
        #expect(question.bestOptions.map(\.value) == ["b"])
    }

    @Test("accepts a multiple-choice question with fractional and negative weights")
    func multipleChoice() throws {
        // given
        let document = F.editing(F.questionDocument()) {
            $0["mode"] = "multiple"
            $0["weights"] = ["a": 2.5, "b": 1, "c": -1.5, "d": -3]
        }

        // when
        let question = try QuizContentParser.parseQuestion(document, path: "questions[0]")

        // then
        #expect(question.mode == .multiple)
        #expect(question.weights == ["a": 2.5, "b": 1, "c": -1.5, "d": -3])
        #expect(question.maxPoints == 3.5)
    }

    @Test("accepts a text question without options or weights")
    func textQuestion() throws {
        // when
        let question = try QuizContentParser.parseQuestion(F.textQuestionDocument(), path: "questions[0]")

        // then
        #expect(question.mode == .text)
        #expect(question.options.isEmpty)
        #expect(question.weights.isEmpty)
        #expect(question.accepted == [
            AcceptedAnswer(answer: "идемпотентность", weight: 5),
            AcceptedAnswer(answer: "idempotency", weight: 5),
            AcceptedAnswer(answer: "safety", weight: 1),
        ])
        #expect(question.maxPoints == 5)
    }

    @Test("reads an absent or null mode as single")
    func defaultMode() throws {
        let withNull = F.editing(F.questionDocument()) { $0["mode"] = .null }
        #expect(try QuizContentParser.parseQuestion(F.questionDocument(), path: "q").mode == .single)
        #expect(try QuizContentParser.parseQuestion(withNull, path: "q").mode == .single)
    }

    @Test("accepts an id of exactly 200 characters")
    func longestID() throws {
        let document = F.editing(F.questionDocument()) { $0["id"] = .string(String(repeating: "x", count: 200)) }
        #expect(try QuizContentParser.parseQuestion(document, path: "q").id.count == 200)
    }

    @Test("reports every problem of a document at once, in document order")
    func collectsAllIssues() {
        // given
        let document = F.editing(F.questionDocument()) {
            $0["id"] = ""
            $0["category"] = nil
            $0["question"] = 42
            $0["weights"] = ["a": 4, "b": "five", "d": 0, "g": 1]
        }

        // when
        let issues = F.issues(ofQuestion: document)

        // then
        #expect(issues == [
            ContentIssue(path: "questions[17].id", message: "must not be empty"),
            ContentIssue(path: "questions[17].category", message: "is required"),
            ContentIssue(path: "questions[17].question", message: "must be a string"),
            ContentIssue(path: "questions[17].weights.b", message: "must be a number"),
            ContentIssue(path: "questions[17].weights.g", message: "no such option"),
            ContentIssue(path: "questions[17].options[2]", message: "no weight for option \"c\""),
        ])
    }

    @Test("an issue prints as path, colon, message")
    func issueDescription() {
        let issue = ContentIssue(path: "questions[17].weights.g", message: "no such option")
        #expect(issue.description == "questions[17].weights.g: no such option")
        #expect(ContentIssues(issues: [issue, issue]).description == "\(issue)\n\(issue)")
    }

    @Test("an empty path gives paths without a leading dot")
    func emptyPath() {
        let issues = F.issues(ofQuestion: F.editing(F.questionDocument()) { $0["category"] = "" }, path: "")
        #expect(issues == [ContentIssue(path: "category", message: "must not be empty")])
    }

    static let brokenChoiceQuestions: [ExpectedIssue] = {
        let valid = F.questionDocument()
        let options = valid["options"]!.arrayValue!
        return [
            ExpectedIssue(F.editing(valid) { $0["id"] = .string(String(repeating: "x", count: 201)) },
                          "questions[17].id", "must be at most 200 characters"),
            ExpectedIssue(F.editing(valid) { $0["id"] = 7 }, "questions[17].id", "must be a string"),
            ExpectedIssue(F.editing(valid) { $0["id"] = "   " }, "questions[17].id", "must not be empty"),
            ExpectedIssue(F.editing(valid) { $0["category"] = " " }, "questions[17].category", "must not be empty"),
            ExpectedIssue(F.editing(valid) { $0["question"] = nil }, "questions[17].question", "is required"),
            ExpectedIssue(F.editing(valid) { $0["question"] = "" }, "questions[17].question", "must not be empty"),
            ExpectedIssue(F.editing(valid) { $0["mode"] = "essay" }, "questions[17].mode", "must be one of single, multiple, text"),
            ExpectedIssue(F.editing(valid) { $0["mode"] = true }, "questions[17].mode", "must be one of single, multiple, text"),
            ExpectedIssue(F.editing(valid) { $0["type"] = 3 }, "questions[17].type", "must be a string"),
            ExpectedIssue(F.editing(valid) { $0["explanation"] = ["text": "x"] }, "questions[17].explanation", "must be a string"),
            ExpectedIssue(F.editing(valid) { $0["translations"] = "en" }, "questions[17].translations", "must be an object"),
            ExpectedIssue(F.editing(valid) { $0["options"] = "a,b" }, "questions[17].options", "must be an array"),
            ExpectedIssue(F.editing(valid) {
                $0["options"] = [options[0]]
                $0["weights"] = ["a": 4]
            }, "questions[17].options", "needs at least 2 options"),
            ExpectedIssue(F.editing(valid) { $0["options"] = .array(options + ["e"]) }, "questions[17].options[4]", "must be an object"),
            ExpectedIssue(F.editing(valid) { $0["options"] = .array(options + [["value": "", "text": "E"]]) },
                          "questions[17].options[4].value", "must not be empty"),
            ExpectedIssue(F.editing(valid) { $0["options"] = .array(options + [["value": 5, "text": "E"]]) },
                          "questions[17].options[4].value", "must be a string"),
            ExpectedIssue(F.editing(valid) { $0["options"] = .array(Array(options[0...2]) + [["value": "d", "text": 4]]) },
                          "questions[17].options[3].text", "must be a string"),
            ExpectedIssue(F.editing(valid) { $0["options"] = .array(Array(options[0...2]) + [["value": "d"]]) },
                          "questions[17].options[3].text", "is required"),
            ExpectedIssue(F.editing(valid) { $0["weights"] = nil }, "questions[17].weights", "is required"),
            ExpectedIssue(F.editing(valid) { $0["weights"] = [4, 5, 2, 0] }, "questions[17].weights", "must be an object"),
            ExpectedIssue(F.editing(valid) { $0["weights"] = ["a": 4, "b": 5, "c": 2, "d": 0, "g": 1] },
                          "questions[17].weights.g", "no such option"),
            ExpectedIssue(F.editing(valid) { $0["weights"] = ["a": "4", "b": 5, "c": 2, "d": 0] },
                          "questions[17].weights.a", "must be a number"),
            ExpectedIssue(F.editing(valid) { $0["weights"] = ["a": true, "b": 5, "c": 2, "d": 0] },
                          "questions[17].weights.a", "must be a number"),
            ExpectedIssue(F.editing(valid) { $0["weights"] = ["a": nil, "b": 5, "c": 2, "d": 0] },
                          "questions[17].weights.a", "must be a number"),
            ExpectedIssue(F.editing(valid) { $0["weights"] = ["a": 4, "b": 5, "d": 0] },
                          "questions[17].options[2]", "no weight for option \"c\""),
        ]
    }()

    @Test("a broken single-choice question is reported at the exact path", arguments: brokenChoiceQuestions)
    func brokenChoiceQuestion(expected: ExpectedIssue) {
        #expect(F.issues(ofQuestion: expected.document) == [expected.issue])
    }

    @Test("a duplicate option value is reported where it repeats")
    func duplicateOption() {
        // given
        let document = F.editing(F.questionDocument()) {
            $0["options"] = [["value": "a", "text": "A"], ["value": "b", "text": "B"], ["value": "b", "text": "B again"]]
            $0["weights"] = ["a": 1, "b": 2]
        }

        // then
        #expect(F.issues(ofQuestion: document, path: "questions[3]") == [
            ContentIssue(path: "questions[3].options[2].value", message: "duplicate option \"b\""),
        ])
    }

    @Test("a single-choice question where nothing scores above 0 is refused")
    func singleWithoutPositiveWeight() {
        let document = F.questionDocument(weights: ["a": 0, "b": -1, "c": 0, "d": 0])
        #expect(F.issues(ofQuestion: document, path: "questions[4]") == [
            ContentIssue(path: "questions[4].weights", message: "no option scores above 0"),
        ])
    }

    @Test("a multiple-choice question where nothing scores above 0 is refused")
    func multipleWithoutPositiveWeight() {
        let document = F.editing(F.questionDocument(weights: ["a": -1, "b": -2, "c": 0, "d": -0.5])) { $0["mode"] = "multiple" }
        #expect(F.issues(ofQuestion: document) == [
            ContentIssue(path: "questions[17].weights", message: "no option scores above 0"),
        ])
    }

    @Test("negative weights are allowed in a multiple-choice question that can still score")
    func negativeWeightsAllowed() {
        let document = F.editing(F.questionDocument(weights: ["a": 3, "b": -2, "c": 0, "d": -0.5])) { $0["mode"] = "multiple" }
        #expect(F.issues(ofQuestion: document).isEmpty)
    }

    @Test("an unreadable weight doesn't also claim that nothing scores above 0")
    func unreadableWeightIsNotDoubleReported() {
        let document = F.questionDocument(weights: ["a": "5", "b": 0, "c": 0, "d": 0])
        #expect(F.issues(ofQuestion: document) == [ContentIssue(path: "questions[17].weights.a", message: "must be a number")])
    }

    static let brokenTextQuestions: [ExpectedIssue] = {
        let valid = F.textQuestionDocument()
        return [
            ExpectedIssue(F.editing(valid) { $0["accepted"] = nil }, "questions[17].accepted", "is required"),
            ExpectedIssue(F.editing(valid) { $0["accepted"] = "idempotency" }, "questions[17].accepted", "must be an array"),
            ExpectedIssue(F.editing(valid) { $0["accepted"] = [] }, "questions[17].accepted", "must not be empty"),
            ExpectedIssue(F.editing(valid) { $0["accepted"] = [["answer": "idempotency", "weight": 5], "safety"] },
                          "questions[17].accepted[1]", "must be an object"),
            ExpectedIssue(F.editing(valid) { $0["accepted"] = [["answer": "idempotency", "weight": 5], ["answer": " ", "weight": 1]] },
                          "questions[17].accepted[1].answer", "must not be empty"),
            ExpectedIssue(F.editing(valid) { $0["accepted"] = [["answer": "idempotency", "weight": 5], ["weight": 1]] },
                          "questions[17].accepted[1].answer", "is required"),
            ExpectedIssue(F.editing(valid) { $0["accepted"] = [["answer": "idempotency", "weight": 5], ["answer": "safety", "weight": "1"]] },
                          "questions[17].accepted[1].weight", "must be a number"),
            ExpectedIssue(F.editing(valid) { $0["accepted"] = [["answer": "idempotency", "weight": 5], ["answer": "safety"]] },
                          "questions[17].accepted[1].weight", "must be a number"),
            ExpectedIssue(F.editing(valid) { $0["accepted"] = [["answer": "idempotency", "weight": 0], ["answer": "safety", "weight": -1]] },
                          "questions[17].accepted", "no answer scores above 0"),
        ]
    }()

    @Test("a broken text question is reported at the exact path", arguments: brokenTextQuestions)
    func brokenTextQuestion(expected: ExpectedIssue) {
        #expect(F.issues(ofQuestion: expected.document) == [expected.issue])
    }
}
