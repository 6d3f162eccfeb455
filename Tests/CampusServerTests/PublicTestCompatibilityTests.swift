import CampusCore
import FluentKit
import Foundation
import Testing
import VaporTesting
@testable import CampusAccounts
@testable import CampusAdmin
@testable import CampusCatalog
@testable import CampusCompatibility
@testable import CampusLearning
@testable import CampusPlatform
@testable import CampusQuizzes
@testable import CampusServer

@Suite("The public test's routes")
struct PublicTestCompatibilityTests {
    @Test("questions without weights, a guest result by unguessable id, no email kept", arguments: TestEngine.available)
    func guestFlow(engine: TestEngine) async throws {
        try await withCampus(engine, configure: { $0.publicQuizID = "quiz:fixture" }) { campus in
            try await QuizFixtures.load(into: campus)
            let questions = try await campus.request(.GET, "/questions")
            #expect(questions.status == .ok)
            #expect(questions.jsonArray.count == 3)
            #expect(!questions.body.string.contains("weights"))

            let posted = try await campus.request(.POST, "/results", json: [
                "user": ["name": "Guest", "email": "guest-secret@example.com", "experience": "3-5"],
                "answers": QuizFixtures.bestAnswers,
            ])
            #expect(posted.status == .ok, "\(posted.body.string)")
            let resultID = try #require(posted.jsonObject[string: "result_id"])
            #expect(resultID.count >= 40)
            #expect(UUID(uuidString: resultID) == nil)
            #expect(posted.jsonObject["overallScore"] as? Int == 100)
            #expect(posted.jsonObject[object: "categories"]?[object: "api"]?["weight"] as? Double == 1.0)

            let read = try await campus.request(.GET, "/results/\(resultID)")
            #expect(read.status == .ok)
            #expect(read.jsonObject[object: "user"]?[string: "name"] == "Guest")
            #expect(read.jsonObject[string: "created_at"] != nil)
            #expect(!read.body.string.contains("guest-secret"))
            #expect(try await campus.request(.GET, "/results/not-a-real-id").status == .notFound)

            let rows = try await campus.app.campusDB.sql.raw("SELECT * FROM quiz_attempts").all()
            for row in rows {
                for column in row.allColumns {
                    #expect((try? row.decode(column: column, as: String.self))?.contains("guest-secret") != true)
                }
            }

            // a guest who signs up keeps the result
            let token = try await campus.register()[string: "access_token"]
            let claimed = try await campus.request(.POST, "/api/v1/users/me/quiz-attempts/claim", json: ["result_id": resultID], token: token)
            #expect(claimed.status == .ok)
            let mine = try await campus.request(.GET, "/api/v1/users/me/quiz-attempts", token: token)
            #expect((mine.jsonObject["items"] as? [[String: Any]])?.first?["score"] as? Int == 100)
        }
    }

    @Test("the question list and a result, kept encoded between requests, follow an edit, another instance's edit and a deletion", arguments: TestEngine.available)
    func keptBodiesFollowChanges(engine: TestEngine) async throws {
        try await withCampus(engine, configure: { $0.publicQuizID = "quiz:fixture" }) { campus in
            try await QuizFixtures.load(into: campus)
            #expect(try await campus.request(.GET, "/questions").body.string.contains("Which method is idempotent?"))
            let content = campus.app.campus.content
            var question = try #require(try await content.get(ContentCollection.questions, id: "api-1"))
            question["question"] = "Which method may be repeated safely?"
            try await content.upsert(ContentCollection.questions, id: "api-1", document: question)
            #expect(try await campus.request(.GET, "/questions").body.string.contains("Which method may be repeated safely?"))

            // Another instance edits: seen once this instance's cache lifetime has passed.
            question["question"] = "Which method is retried without harm?"
            try await campus.faults.upsert(ContentCollection.questions, id: "api-1", document: question)
            campus.clock.advance(by: CachingContentStore.lifetime)
            #expect(try await campus.request(.GET, "/questions").body.string.contains("Which method is retried without harm?"))

            let posted = try await campus.request(.POST, "/results", json: [
                "user": ["name": "Guest", "email": "guest@example.com", "experience": "3-5"], "answers": QuizFixtures.bestAnswers,
            ])
            let resultID = try #require(posted.jsonObject[string: "result_id"])
            let first = try await campus.request(.GET, "/results/\(resultID)")
            let again = try await campus.request(.GET, "/results/\(resultID)")
            #expect(first.status == .ok && again.body.string == first.body.string)
            #expect(again.headers.contentType == .json)
            try await campus.app.campusDB.sql.raw("UPDATE quiz_attempts SET deleted_at = updated_at").run()
            #expect(try await campus.request(.GET, "/results/\(resultID)").status == .notFound)
        }
    }

    @Test("the API key is required when configured", arguments: TestEngine.available)
    func apiKey(engine: TestEngine) async throws {
        try await withCampus(engine, configure: { $0.publicQuizID = "quiz:fixture"; $0.publicAPIKey = "page-key" }) { campus in
            try await QuizFixtures.load(into: campus)
            #expect(try await campus.request(.GET, "/questions").status == .unauthorized)
            #expect(try await campus.request(.GET, "/questions", headers: [("x-api-key", "wrong")]).status == .unauthorized)
            #expect(try await campus.request(.GET, "/questions", headers: [("x-api-key", "page-key")]).status == .ok)
        }
    }
}

@Suite("Content import")
struct ContentImportTests {
    func bank(_ questions: [JSONValue]) -> ContentBundle {
        var bundle = ContentBundle()
        try? bundle.add(.array(questions), source: "bank.json")
        return bundle
    }

    let question: (String, String) -> JSONValue = { id, text in
        ["id": .string(id), "category": "api", "type": "case", "question": .string(text),
         "options": [["value": "a", "text": "A"], ["value": "b", "text": "B"]], "weights": ["a": 5, "b": 0]]
    }

    @Test("one bad document writes nothing and every problem names its path", arguments: TestEngine.available)
    func allOrNothing(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            var broken = question("q2", "Second")
            if case .object(var object) = broken {
                object["weights"] = ["a": 5, "b": 0, "g": 1]
                broken = .object(object)
            }
            let importer = ContentImporter(store: campus.app.campus.content)
            do {
                _ = try await importer.run(bank([question("q1", "First"), broken]))
                Issue.record("imported a broken bank")
            } catch let issues as ContentIssues {
                #expect(issues.issues.map(\.description).contains("questions[1].weights.g: no such option"))
            }
            #expect(try await campus.app.campus.content.get(ContentCollection.questions, id: "q1") == nil)
        }
    }

    @Test("duplicate ids are listed, or renamed on request", arguments: TestEngine.available)
    func duplicates(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let input = bank([question("msg12", "One"), question("msg12", "Two"), question("sec1", "Three"), question("sec1", "Four")])
            await #expect(throws: ContentIssues.self) { try await ContentImporter(store: campus.app.campus.content).run(input) }
            let report = try await ContentImporter(store: campus.app.campus.content, renameDuplicates: true).run(input)
            #expect(report.renamed.map(\.to) == ["msg12-2", "sec1-2"])
            #expect(try await campus.app.campus.content.get(ContentCollection.questions, id: "msg12-2")?["question"] == "Two")
            // re-import updates rather than duplicates
            let again = try await ContentImporter(store: campus.app.campus.content, renameDuplicates: true).run(input)
            #expect(again.questions == 4)
        }
    }

    @Test("a quiz must reference questions that exist", arguments: TestEngine.available)
    func quizReferences(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            var bundle = ContentBundle()
            try bundle.add(["_id": "quiz:x", "type": "assessment", "title": "X", "question_ids": ["ghost"],
                            "categories": [:], "level_config": [:], "settings": [:]], source: "quiz.json")
            do {
                _ = try await ContentImporter(store: campus.app.campus.content).run(bundle)
                Issue.record("imported a quiz with a missing question")
            } catch let issues as ContentIssues {
                #expect(issues.issues.map(\.description).contains { $0.hasPrefix("quizzes[0].question_ids[0]") })
            }
        }
    }
}
