import CampusCore
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

/// Today's front end of the replaced service, replayed call by call (issue 11): every field it reads,
/// with its type, and the numbers a person gets from both systems.
@Suite("Compatibility")
struct CompatibilityTests {
    static let labels = ["Меньше года", "1-2 года", "2-3 года", "3-5 лет", "5+ лет"]
    static let key = ("x-api-key", "page-key")
    static let origin = "https://test.example.com"

    func configure(_ config: inout CampusConfiguration) {
        config.publicQuizID = "quiz:public"
        config.publicAPIKey = "page-key"
        config.allowedOrigins = [Self.origin]
    }

    @Test("the front end's calls in order: questions, results for each intro label, the result page, then the account",
          arguments: TestEngine.available)
    func replay(engine: TestEngine) async throws {
        try await withCampus(engine, configure: configure) { campus in
            try await PublicTestFixtures.load(into: campus)
            let questions = try await campus.request(.GET, "/questions", headers: [Self.key])
            #expect(questions.status == .ok)
            let items = try #require(questions.jsonArray as? [[String: Any]])
            #expect(items.count == 14)
            for item in items {
                #expect(item["id"] is String && item["type"] is String && item["question"] is String && item["category"] is String)
                let options = try #require(item["options"] as? [[String: Any]])
                #expect(options.allSatisfy { $0["value"] is String && $0["text"] is String })
                #expect(item["weights"] == nil)
            }

            for label in Self.labels {
                let posted = try await campus.request(.POST, "/results", json: [
                    "user": ["name": "Гость", "email": "guest@example.com", "experience": label],
                    "answers": PublicTestFixtures.roundingAnswers,
                ], headers: [Self.key])
                #expect(posted.status == .ok, "\(label): \(posted.body.string)")
                let result = posted.jsonObject
                let resultID = try #require(result[string: "result_id"])
                Self.expectResultShape(result)

                let page = try await campus.request(.GET, "/results/\(resultID)", headers: [Self.key])
                #expect(page.status == .ok)
                let read = page.jsonObject
                Self.expectResultShape(read)
                #expect(read[object: "user"]?[string: "name"] == "Гость")
                #expect(read[object: "user"]?[string: "experience"] == label)
                let created = try #require(read[string: "created_at"])
                let formatter = ISO8601DateFormatter()
                formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
                #expect(formatter.date(from: created) != nil, "\(created)")
                #expect(!page.body.string.contains("guest@example.com"))
            }

            let register = try await campus.request(.POST, "/api/v1/auth/register", json: [
                "email": "front@example.com", "password": "correct horse battery", "name": "Фронт",
            ])
            #expect(register.status == .created)
            let code = try #require(try await campus.latestCode(for: "front@example.com"))
            let verified = try await campus.request(.POST, "/api/v1/auth/verify-email", json: ["email": "front@example.com", "code": code])
            #expect(verified.status == .ok)
            let login = try await campus.request(.POST, "/api/v1/auth/login",
                                                 json: ["email": "front@example.com", "password": "correct horse battery"],
                                                 headers: [("Origin", Self.origin)])
            #expect(login.status == .ok)
            let access = try #require(login.jsonObject[string: "access_token"])
            let refresh = try #require(login.jsonObject[string: "refresh_token"])
            #expect(login.jsonObject[string: "token_type"]?.lowercased() == "bearer")
            let me = try await campus.request(.GET, "/api/v1/auth/me", headers: [("Cookie", "access_token=\(access)")])
            #expect(me.status == .ok)
            #expect(me.jsonObject[string: "email"] == "front@example.com")
            #expect(me.jsonObject["email_verified"] as? Bool == true)
            #expect(me.jsonObject[string: "id"] != nil && me.jsonObject[string: "role"] != nil && me.jsonObject[string: "created_at"] != nil)
            let refreshed = try await campus.request(.POST, "/api/v1/auth/refresh", json: ["refresh_token": refresh],
                                                     headers: [("Origin", Self.origin)])
            #expect(refreshed.status == .ok)
            let newRefresh = try #require(refreshed.jsonObject[string: "refresh_token"])
            // the front end logs out with no body: the cookie names the session, and the answer is JSON
            let logout = try await campus.request(.POST, "/api/v1/auth/logout",
                                                  headers: [("Cookie", "refresh_token=\(newRefresh)"), ("Origin", Self.origin)])
            #expect(logout.status == .ok)
            #expect(logout.jsonObject[string: "message"] != nil)
            #expect(try await campus.request(.POST, "/api/v1/auth/refresh", json: ["refresh_token": newRefresh]).status == .unauthorized)

            let health = try await campus.request(.GET, "/health")
            #expect(health.jsonObject[string: "status"] == "healthy")
            #expect(health.headers.first(name: "X-XSS-Protection") == "0")
            #expect(register.headers.first(name: "X-XSS-Protection") == "0")
        }
    }

    @Test("the result's numbers and names are today's: half-to-even rounding, level object, categories in order",
          arguments: TestEngine.available)
    func resultNumbers(engine: TestEngine) async throws {
        try await withCampus(engine, configure: configure) { campus in
            try await PublicTestFixtures.load(into: campus)
            let result = try await campus.request(.POST, "/results", json: [
                "user": ["name": "Гость", "email": "guest@example.com", "experience": "3-5 лет"],
                "answers": PublicTestFixtures.roundingAnswers,
            ], headers: [Self.key]).jsonObject
            let categories = try #require(result[object: "categories"])
            // 13 of 40 points is 32.5 %: Python's round gives 32
            #expect(categories[object: "documentation"]?["score"] as? Int == 32)
            #expect(categories[object: "api"]?["score"] as? Int == 65)
            #expect(categories[object: "database"]?["score"] as? Int == 70)
            #expect(categories[object: "api"]?["weight"] as? Double == 1.1)
            #expect(categories[object: "documentation"]?[string: "name"] == "Документация")
            // (32 × 1 + 65 × 1.1 + 70 × 1.2) ÷ 3.3 = 56.8
            #expect(result["overallScore"] as? Int == 57)
            let level = try #require(result[object: "level"])
            #expect(level[string: "level"] == "Middle")
            #expect(level[string: "nextLevel"] == "Middle+")
            #expect(level[string: "minYears"] == "2-3")
            #expect(level[string: "minScore"] == "55")
            #expect(level[string: "nextLevelScore"] == "70")
            #expect(level[string: "description"] == "Самостоятельная работа")
            let strengths = try #require(result["strengths"] as? [[String: Any]])
            #expect(strengths.map { $0[string: "name"] } == ["Базы данных"])
            #expect(strengths.first?["score"] as? Int == 70)
            // the quiz's order (documentation's questions come first), not the keys' order
            let weaknesses = try #require(result["weaknesses"] as? [[String: Any]])
            #expect(weaknesses.map { $0[string: "name"] } == ["Документация"])
            #expect(result.keys.contains("recommendations"))
        }
    }

    @Test("the overall score rounds half to even on the legacy route and in v1 alike; the top level points at 100",
          arguments: TestEngine.available)
    func overallHalfToEven(engine: TestEngine) async throws {
        try await withCampus(engine, configure: { config in
            configure(&config)
            config.publicQuizID = "quiz:halves"
        }) { campus in
            try await PublicTestFixtures.load(into: campus)
            let answers: [String: Any] = ["api1": "a", "api2": "a", "api3": "b", "api4": "c", "db1": "a", "db2": "b"]
            let legacy = try await campus.request(.POST, "/results", json: [
                "user": ["name": "Гость", "email": "guest@example.com", "experience": "5+ лет"], "answers": answers,
            ], headers: [Self.key]).jsonObject
            #expect(legacy["overallScore"] as? Int == 68)   // (65 + 70) ÷ 2 = 67.5
            #expect(legacy[object: "level"]?[string: "level"] == "Middle")

            let token = try await campus.register()[string: "access_token"]
            let attemptID = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:halves/start", token: token)
                .jsonObject[string: "attempt_id"])
            let submitted = try await campus.request(.POST, "/api/v1/quizzes/quiz:halves/attempts/\(attemptID)/submit",
                                                     json: ["answers": answers], token: token).jsonObject
            #expect(submitted["score"] as? Int == 68)

            let top = try await campus.request(.POST, "/results", json: [
                "user": ["name": "Гость", "email": "guest@example.com", "experience": "5+ лет"],
                "answers": ["api1": "a", "api2": "a", "api3": "a", "api4": "a", "db1": "a", "db2": "a"],
            ], headers: [Self.key]).jsonObject
            #expect(top[object: "level"]?[string: "level"] == "Senior")
            #expect(top[object: "level"]?[string: "nextLevel"] == "Lead/Architect")
            #expect(top[object: "level"]?[string: "nextLevelScore"] == "100")
        }
    }

    @Test("answers are read leniently, as today: unknown ids, foreign values, blanks and missing questions are no errors",
          arguments: TestEngine.available)
    func lenientAnswers(engine: TestEngine) async throws {
        try await withCampus(engine, configure: configure) { campus in
            try await PublicTestFixtures.load(into: campus)
            let posted = try await campus.request(.POST, "/results", json: [
                "user": ["name": "Гость", "email": "guest@example.com", "experience": "Меньше года"],
                "answers": ["doc1": "a", "doc2": "zz", "doc3": "", "doc4": NSNull(), "nosuch": "a", "api1": "a"],
            ], headers: [Self.key])
            #expect(posted.status == .ok, "\(posted.body.string)")
            let result = posted.jsonObject
            let details = try #require(result["question_details"] as? [[String: Any]])
            // answered questions only: doc1, doc2 (a value that is no option) and api1
            #expect(details.map { $0[string: "question_id"] } == ["doc1", "doc2", "api1"])
            let foreign = try #require(details.first { $0[string: "question_id"] == "doc2" })
            #expect(foreign[string: "user_answer_value"] == "zz")
            #expect(foreign[string: "user_answer_text"] == "")
            #expect(foreign["user_score"] as? Double == 0)
            #expect(foreign["max_score"] as? Double == 5)
            for field in ["question_text", "correct_answer_value", "correct_answer_text", "explanation", "difficulty", "learning_tip"] {
                #expect(foreign[field] is String, "\(field)")
            }
            // documentation: 5 of 40 points; the missing questions count as unanswered, allow_skip or not
            #expect(result[object: "categories"]?[object: "documentation"]?["score"] as? Int == 12)
            #expect(result[object: "categories"]?[object: "database"]?["score"] as? Int == 0)

            let missingEmail = try await campus.request(.POST, "/results", json: [
                "user": ["name": "Гость", "experience": "1-2 года"], "answers": [:] as [String: Any],
            ], headers: [Self.key])
            #expect(missingEmail.status == .unprocessableEntity)
            #expect(SecurityAccountTests.fields(missingEmail) == ["user.email"])
            let missingUser = try await campus.request(.POST, "/results", json: ["answers": [:] as [String: Any]], headers: [Self.key])
            #expect(SecurityAccountTests.fields(missingUser) == ["user"])
            let longLabel = try await campus.request(.POST, "/results", json: [
                "user": ["name": "Гость", "email": "guest@example.com", "experience": String(repeating: "x", count: 101)],
                "answers": [:] as [String: Any],
            ], headers: [Self.key])
            #expect(SecurityAccountTests.fields(longLabel) == ["user.experience"])
        }
    }

    @Test("a question renamed on import takes the answer sent for its old id when that is one of its options",
          arguments: TestEngine.available)
    func renamedQuestions(engine: TestEngine) async throws {
        try await withCampus(engine, configure: { $0.publicQuizID = "quiz:renamed" }) { campus in
            var bundle = ContentBundle()
            try bundle.add(.array([PublicTestFixtures.question("msg12", "api"), PublicTestFixtures.question("msg12", "api")]), source: "bank.json")
            try bundle.add(["_id": "quiz:renamed", "type": "assessment", "title": "R", "question_ids": ["msg12"],
                            "categories": ["api": ["name": "API"]], "level_config": PublicTestFixtures.levels], source: "quiz.json")
            _ = try await ContentImporter(store: campus.app.campus.content, renameDuplicates: true).run(bundle)
            let result = try await campus.request(.POST, "/results", json: [
                "user": ["name": "Гость", "email": "guest@example.com", "experience": "2-3 года"], "answers": ["msg12": "a"],
            ]).jsonObject
            #expect(result["overallScore"] as? Int == 100)
            let details = try #require(result["question_details"] as? [[String: Any]])
            #expect(Set(details.compactMap { $0[string: "question_id"] }) == ["msg12", "msg12-2"])
        }
    }

    @Test("a new password of 8 to 11 characters is refused with one sentence the front end can show")
    func shortPassword() async throws {
        try await withCampus(.sqlite) { campus in
            let response = try await campus.request(.POST, "/api/v1/auth/register",
                                                    json: ["email": "short@example.com", "password": "eight888", "name": "S"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.jsonObject[string: "detail"] == "Password must be at least 12 characters.")
        }
    }

    static func expectResultShape(_ result: [String: Any]) {
        #expect(result["overallScore"] is Int)
        let level = result[object: "level"] ?? [:]
        for field in ["level", "description", "nextLevel", "minYears", "nextLevelScore", "minScore"] {
            #expect(level[field] is String, "level.\(field)")
        }
        let categories = result[object: "categories"] ?? [:]
        #expect(Set(categories.keys) == ["documentation", "api", "database"])
        for (_, value) in categories {
            let category = value as? [String: Any] ?? [:]
            #expect(category["score"] is Int && category["weight"] is Double && category["name"] is String)
        }
        for list in ["strengths", "weaknesses"] {
            let entries = result[list] as? [[String: Any]]
            #expect(entries != nil, "\(list)")
            #expect(entries?.allSatisfy { $0["name"] is String && $0["score"] is Int } == true)
        }
        #expect(result.keys.contains("recommendations"))
        #expect(result["recommendations"] is NSNull || result["recommendations"] is String)
        #expect(result["question_details"] is [[String: Any]])
    }
}
