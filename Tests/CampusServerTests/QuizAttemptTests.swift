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

@Suite("Quiz attempts")
struct QuizAttemptTests {
    @Test("start fixes the plan and deadline, and a second start returns the same attempt", arguments: TestEngine.available)
    func start(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await QuizFixtures.load(into: campus)
            let token = try await campus.register()[string: "access_token"]
            let first = try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: token)
            #expect(first.status == .created)
            let body = first.jsonObject
            #expect(body[string: "status"] == "in_progress")
            #expect(body[string: "expires_at"] != nil)
            #expect((body["questions"] as? [[String: Any]])?.count == 3)
            #expect(!first.body.string.contains("weights") && !first.body.string.contains("accepted") && !first.body.string.contains("question_ids"))
            let again = try await campus.request(.POST, "/api/v1/quizzes/fixture/start", token: token)
            #expect(again.status == .ok)
            #expect(again.jsonObject[string: "attempt_id"] == body[string: "attempt_id"])
        }
    }

    @Test("the best answers score 100 with details; a second submit is refused", arguments: TestEngine.available)
    func submitBest(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await QuizFixtures.load(into: campus)
            let token = try await campus.register()[string: "access_token"]
            let attemptID = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: token).jsonObject[string: "attempt_id"])
            let path = "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)"
            let submitted = try await campus.request(.POST, path + "/submit", json: ["answers": QuizFixtures.bestAnswers], token: token)
            #expect(submitted.status == .ok, "\(submitted.body.string)")
            let result = submitted.jsonObject
            #expect(result[string: "status"] == "completed")
            #expect(result["score"] as? Int == 100)
            #expect(result["passed"] as? Bool == true)
            #expect(result[string: "level"] == "senior")
            #expect((result["question_details"] as? [[String: Any]])?.count == 3)
            #expect(result[string: "recommendations"] != nil)
            #expect(result[object: "category_scores"]?[object: "database"]?["score"] as? Int == 100)

            let again = try await campus.request(.POST, path + "/submit", json: ["answers": QuizFixtures.worstAnswers], token: token)
            #expect(again.status == .conflict)
            let read = try await campus.request(.GET, path, token: token)
            #expect(read.jsonObject["score"] as? Int == 100)
        }
    }

    @Test("unknown questions, unknown options and skipped questions are 422s that change nothing", arguments: TestEngine.available)
    func badSubmissions(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await QuizFixtures.load(into: campus)
            let token = try await campus.register()[string: "access_token"]
            let attemptID = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: token).jsonObject[string: "attempt_id"])
            let path = "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)"

            var answers = QuizFixtures.bestAnswers
            answers["nope"] = "a"
            let unknownQuestion = try await campus.request(.POST, path + "/submit", json: ["answers": answers], token: token)
            #expect(unknownQuestion.status == .unprocessableEntity)
            #expect(unknownQuestion.body.string.contains("answers.nope"))

            answers = QuizFixtures.bestAnswers
            answers["api-1"] = "z"
            let unknownOption = try await campus.request(.POST, path + "/submit", json: ["answers": answers], token: token)
            #expect(unknownOption.status == .unprocessableEntity)
            #expect(unknownOption.body.string.contains("answers.api-1"))

            let skipped = try await campus.request(.POST, path + "/submit", json: ["answers": ["api-1": "b"]], token: token)
            #expect(skipped.status == .unprocessableEntity)
            #expect(skipped.body.string.contains("answers.api-2") && skipped.body.string.contains("answers.db-1"))

            for (body, field) in [(#"{"answers": {"api-1": "b""#, "body"), (#"["answers"]"#, "body"), (#"{"answers": ["b"]}"#, "answers"),
                                  (#"{"answers": "b"}"#, "answers")] {
                let refused = try await campus.request(.POST, path + "/submit", rawBody: body, token: token)
                #expect(refused.status == .unprocessableEntity, "\(body)")
                #expect(refused.body.string.contains(#""field":"\#(field)""#), "\(body): \(refused.body.string)")
            }

            let read = try await campus.request(.GET, path, token: token)
            #expect(read.jsonObject[string: "status"] == "in_progress")
            #expect((read.jsonObject["answers"] as? [String: Any])?.isEmpty == true)
        }
    }

    @Test("autosaved answers are used when the submit sends none", arguments: TestEngine.available)
    func autosave(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await QuizFixtures.load(into: campus)
            let token = try await campus.register()[string: "access_token"]
            let attemptID = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: token).jsonObject[string: "attempt_id"])
            let path = "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)"
            #expect(try await campus.request(.PUT, path + "/answers", json: ["answers": ["api-1": "b", "api-2": ["a", "b"]]], token: token).status == .ok)
            #expect(try await campus.request(.PUT, path + "/answers", json: ["answers": ["db-1": "идемпотентность"]], token: token).status == .ok)
            let bad = try await campus.request(.PUT, path + "/answers", json: ["answers": ["api-1": ["b"]]], token: token)
            #expect(bad.status == .unprocessableEntity)
            let submitted = try await campus.request(.POST, path + "/submit", token: token)
            #expect(submitted.status == .ok)
            #expect(submitted.jsonObject["score"] as? Int == 100)
        }
    }

    @Test("reading an attempt in progress shows the plan the start showed and the answers saved so far", arguments: TestEngine.available)
    func readInProgress(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await QuizFixtures.load(into: campus, shuffle: true)
            let token = try await campus.register()[string: "access_token"]
            let started = try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: token)
            let attemptID = try #require(started.jsonObject[string: "attempt_id"])
            let path = "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)"
            let text = "  \"Идемпотентность\" \\ retry\n"
            #expect(try await campus.request(.PUT, path + "/answers", json: ["answers": ["db-1": text, "api-2": ["b"]]], token: token).status == .ok)
            for _ in 0..<2 {
                let read = try await campus.request(.GET, path, token: token)
                #expect(read.status == .ok)
                #expect(read.headers.contentType == .json)
                let body = read.jsonObject
                #expect(body[string: "status"] == "in_progress")
                #expect(body[string: "started_at"] == started.jsonObject[string: "started_at"])
                #expect(body[string: "expires_at"] == started.jsonObject[string: "expires_at"])
                #expect(NSArray(array: body["questions"] as? [Any] ?? []) == NSArray(array: started.jsonObject["questions"] as? [Any] ?? [0]))
                var card = started.jsonObject[object: "quiz"] ?? [:]
                card["attempts_used"] = nil
                #expect(NSDictionary(dictionary: body[object: "quiz"] ?? [:]) == NSDictionary(dictionary: card))
                #expect(body[object: "answers"]?[string: "db-1"] == text)
                #expect(body[object: "answers"]?["api-2"] as? [String] == ["b"])
            }
            // A read that finds the plan already encoded reads only the answers: a later save shows at once.
            #expect(try await campus.request(.PUT, path + "/answers", json: ["answers": ["db-1": "second"]], token: token).status == .ok)
            #expect(try await campus.request(.GET, path, token: token).jsonObject[object: "answers"]?[string: "db-1"] == "second")
            // After a content write the encoded plan is dropped; the read builds it again, the same as before.
            try await QuizFixtures.load(into: campus, shuffle: true)
            let rebuilt = try await campus.request(.GET, path, token: token).jsonObject
            #expect(NSArray(array: rebuilt["questions"] as? [Any] ?? []) == NSArray(array: started.jsonObject["questions"] as? [Any] ?? [0]))
            #expect(rebuilt[object: "answers"]?[string: "db-1"] == "second")
        }
    }

    @Test("concurrent submits give exactly one result", arguments: TestEngine.available)
    func concurrentSubmit(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await QuizFixtures.load(into: campus)
            let token = try await campus.register()[string: "access_token"]
            let attemptID = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: token).jsonObject[string: "attempt_id"])
            let path = "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)/submit"
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        let answers = index % 2 == 0 ? QuizFixtures.bestAnswers : QuizFixtures.worstAnswers
                        return try await campus.request(.POST, path, json: ["answers": answers], token: token).status.code
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 1)
            #expect(statuses.filter { $0 == 409 }.count == 5)
        }
    }

    @Test("past the deadline the attempt closes as expired, scored from saved answers", arguments: TestEngine.available)
    func deadline(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await QuizFixtures.load(into: campus)
            let token = try await campus.register()[string: "access_token"]
            let attemptID = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: token).jsonObject[string: "attempt_id"])
            let path = "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)"
            _ = try await campus.request(.PUT, path + "/answers", json: ["answers": ["api-1": "b"]], token: token)
            campus.clock.advance(by: 10 * 60 + 20)
            // within the grace period a submit still counts
            campus.clock.advance(by: 15)
            let read = try await campus.request(.GET, path, token: token)
            #expect(read.jsonObject[string: "status"] == "expired")
            #expect(read.jsonObject["time_spent_seconds"] as? Int == 600)
            let late = try await campus.request(.POST, path + "/submit", json: ["answers": QuizFixtures.bestAnswers], token: token)
            #expect(late.jsonObject[string: "status"] == "expired")
            #expect((late.jsonObject["score"] as? Int ?? 100) < 100)
        }
    }

    @Test("a read just past the deadline closes the attempt even while its plan is kept from a read just before", arguments: TestEngine.available)
    func deadlineWhilePlanKept(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await QuizFixtures.load(into: campus)
            let token = try await campus.register()[string: "access_token"]
            let attemptID = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: token).jsonObject[string: "attempt_id"])
            let path = "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)"
            // Ten minutes and the 30 s grace, less half a second: the read keeps the plan (for 2 s).
            campus.clock.advance(by: 10 * 60 + 30 - 0.5)
            #expect(try await campus.request(.GET, path, token: token).jsonObject[string: "status"] == "in_progress")
            campus.clock.advance(by: 1)
            let read = try await campus.request(.GET, path, token: token)
            #expect(read.jsonObject[string: "status"] == "expired")
        }
    }

    @Test("max_attempts is enforced, even under concurrent starts", arguments: TestEngine.available)
    func maxAttempts(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await QuizFixtures.load(into: campus, maxAttempts: 1)
            let token = try await campus.register()[string: "access_token"]
            let statuses = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let response = try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: token)
                        return response.jsonObject[string: "attempt_id"] ?? "\(response.status.code) \(response.body.string)"
                    }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(statuses.count == 1, "\(statuses)")
            let attemptID = try #require(statuses.first)
            _ = try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)/submit", json: ["answers": QuizFixtures.bestAnswers], token: token)
            let second = try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: token)
            #expect(second.status == .conflict)
            #expect(second.problemType?.hasSuffix("max-attempts-reached") == true)
        }
    }

    @Test("another user's attempt is 404, and percentile compares best scores", arguments: TestEngine.available)
    func othersAndPercentile(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await QuizFixtures.load(into: campus)
            let low = try await campus.register()[string: "access_token"]
            let high = try await campus.register()[string: "access_token"]
            let lowAttempt = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: low).jsonObject[string: "attempt_id"])
            _ = try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/attempts/\(lowAttempt)/submit", json: ["answers": QuizFixtures.worstAnswers], token: low)
            let highAttempt = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: high).jsonObject[string: "attempt_id"])
            let result = try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/attempts/\(highAttempt)/submit", json: ["answers": QuizFixtures.bestAnswers], token: high)
            #expect(result.jsonObject["percentile"] as? Int == 100)
            #expect(try await campus.request(.GET, "/api/v1/quizzes/quiz:fixture/attempts/\(highAttempt)", token: low).status == .notFound)

            let mine = try await campus.request(.GET, "/api/v1/users/me/quiz-attempts?quiz_id=fixture", token: high)
            #expect((mine.jsonObject["items"] as? [[String: Any]])?.count == 1)
            let stats = try await campus.request(.GET, "/api/v1/users/me/quiz-stats?quiz_id=quiz:fixture", token: high)
            #expect(stats.jsonObject[object: "categories"]?[object: "api"]?["best"] as? Int == 100)
        }
    }
}

@Suite("Quiz catalog")
struct QuizCatalogTests {
    @Test("the demo quiz is listed on first start and never shows its answer key", arguments: TestEngine.available)
    func demo(engine: TestEngine) async throws {
        try await withCampus(engine, configure: { $0.loadDemoContent = true }) { campus in
            let list = try await campus.request(.GET, "/api/v1/quizzes")
            #expect(list.status == .ok)
            let items = list.jsonObject["items"] as? [[String: Any]] ?? []
            #expect(items.contains { $0["id"] as? String == "quiz:campus-demo" })
            let card = try await campus.request(.GET, "/api/v1/quizzes/campus-demo")
            #expect((card.jsonObject["question_count"] as? Int ?? 0) >= 30)
            #expect(card.jsonObject["question_ids"] == nil)
            let questions = try await campus.request(.GET, "/api/v1/quizzes/quiz:campus-demo/questions")
            #expect(questions.jsonArray.count >= 30)
            #expect(!questions.body.string.contains("\"weights\"") && !questions.body.string.contains("\"accepted\""))
            #expect(try await campus.request(.GET, "/api/v1/quizzes/quiz:none").status == .notFound)
        }
    }
}
