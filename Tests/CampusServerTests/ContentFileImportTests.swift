import CampusCore
import Foundation
import Testing
@testable import CampusCatalog
@testable import CampusServer

/// `campus content import FILE`: a bank is read from its file one question at a time, and still applies whole
/// or not at all (issue 18).
@Suite("Content import from files")
struct ContentFileImportTests {
    static func question(_ id: String, options: Bool = true) -> JSONValue {
        var question: JSONObject = ["id": .string(id), "category": "api", "type": "case", "question": .string("Question \(id) [with {brackets}, \"quotes\" and \\ slashes]?")]
        if options {
            question["options"] = [["value": "a", "text": "one"], ["value": "b", "text": "two"]]
            question["weights"] = ["a": 0, "b": 5]
        }
        return .object(question)
    }

    static func file(_ value: JSONValue) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("campus-bank-\(UUID()).json").path
        // Pretty-printed by hand: line breaks and spaces between the parts the reader outlines.
        let text = try value.jsonText().replacingOccurrences(of: "},{", with: "},\n  {")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func storedQuestions(_ store: any ContentStore) async throws -> [String: JSONObject] {
        var result: [String: JSONObject] = [:]
        try await ContentTransfer.forEachPage(of: ContentCollection.questions, in: store) { page in
            for document in page { result[document.id] = document.body }
        }
        return result
    }

    @Test("a bank of 700 questions in a file imports whole, and one broken question far into it imports nothing",
          arguments: TestEngine.available)
    func bank(engine: TestEngine) async throws {
        let whole = try Self.file(.array((0..<700).map { Self.question("bank-\($0)") }))
        let broken = try Self.file(.array((0..<700).map { Self.question("broken-\($0)", options: $0 != 601) }))
        try await withCampus(engine) { campus in
            let store = campus.app.campus.content
            var bundle = ContentBundle()
            try ContentFileReader.add(broken, to: &bundle)
            #expect(bundle.questions.isEmpty && bundle.questionCount == 700)
            let issues = await #expect(throws: ContentIssues.self) { try await ContentImporter(store: store).run(bundle) }
            #expect(issues?.issues.map(\.path).allSatisfy { $0.hasPrefix("questions[601]") } == true)
            #expect(try await Self.storedQuestions(store).isEmpty)

            bundle = ContentBundle()
            try ContentFileReader.add(whole, to: &bundle)
            let report = try await ContentImporter(store: store).run(bundle)
            #expect(report.questions == 700)
            let stored = try await Self.storedQuestions(store)
            #expect(stored.count == 700)
            #expect(stored["bank-650"] == Self.question("bank-650").objectValue)
        }
    }

    @Test("a bundle file's questions, renamed duplicates and the quiz that lists them import together", arguments: TestEngine.available)
    func bundleWithRenames(engine: TestEngine) async throws {
        let path = try Self.file([
            "quizzes": [["_id": "quiz:from-file", "type": "assessment", "title": "From a file", "slug": "from-file",
                         "question_ids": ["dup", "dup", "solo"]]],
            "questions": [Self.question("dup"), Self.question("solo"), Self.question("dup")],
        ])
        try await withCampus(engine) { campus in
            let store = campus.app.campus.content
            var bundle = ContentBundle()
            try ContentFileReader.add(path, to: &bundle)
            #expect(bundle.quizzes.count == 1 && bundle.questionCount == 3)

            let refused = await #expect(throws: ContentIssues.self) { try await ContentImporter(store: store).run(bundle) }
            #expect(refused?.issues.map(\.description).contains { $0.contains("questions[2].id") && $0.contains("also used by questions[0]") } == true)

            let report = try await ContentImporter(store: store, renameDuplicates: true).run(bundle)
            #expect(report.questions == 3 && report.quizzes == 1)
            let stored = try await Self.storedQuestions(store)
            #expect(Set(stored.keys) == ["dup", "dup-2", "solo"])
            #expect(stored["dup-2"]?["renamed_from"] == "dup")
            #expect(try await store.get(ContentCollection.quizzes, id: "quiz:from-file")?["question_ids"] == ["dup", "dup-2", "solo"])
        }
    }

    @Test("a file that is not JSON, or not a bank, is refused with its name before anything is written")
    func refusedFiles() throws {
        for text in ["[{\"id\": \"a\"}, {\"id\": \"b\"", "[{\"id\": \"a\"} {\"id\": \"b\"}]", "[{\"id\": \"a\"}] trailing", ""] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("campus-bad-\(UUID()).json").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            var bundle = ContentBundle()
            let issues = #expect(throws: ContentIssues.self) { try ContentFileReader.add(path, to: &bundle) }
            #expect(issues?.issues.map(\.description) == ["\(path): is not valid JSON"])
        }
        var bundle = ContentBundle()
        let missing = #expect(throws: ContentIssues.self) { try ContentFileReader.add("/nonexistent/bank.json", to: &bundle) }
        #expect(missing?.issues.map(\.description) == ["/nonexistent/bank.json: cannot be read"])
        let scalar = try Self.file(["questions": "not a list"])
        let notArray = #expect(throws: ContentIssues.self) { try ContentFileReader.add(scalar, to: &bundle) }
        #expect(notArray?.issues.map(\.description) == ["\(scalar):questions: must be an array"])
    }
}
