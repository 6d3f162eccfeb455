import CampusCore
import FluentKit
import Foundation
import Testing
import VaporTesting
@testable import CampusAccounts
@testable import CampusCatalog
@testable import CampusLearning
@testable import CampusPlatform
@testable import CampusPractice
@testable import CampusServer

@Suite("Practice exercises")
struct PracticeTests {
    func enrolledStudent(_ campus: TestCampus) async throws -> (token: String, id: UUID) {
        let student = try await campus.user()
        #expect(try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token).status == .created)
        return student
    }

    @Test("an SQL exercise: the statement shows the schema and visible rows only, run answers rows, submit compares on both datasets",
          arguments: TestEngine.available)
    func sqlExercise(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await PracticeFixtures.load(into: campus)
            let student = try await enrolledStudent(campus)
            let path = "/api/v1/practices/\(PracticeFixtures.sqlID)"

            let shown = try await campus.request(.GET, path + "?lang=ru", token: student.token)
            #expect(shown.status == .ok)
            let text = shown.body.string
            #expect(shown.jsonObject[string: "title"] == "Постоянные клиенты")
            #expect(text.contains("Boris") && text.contains("CREATE TABLE customers"))
            for secret in ["Secret Sveta", "Hidden Hugo", "HAVING", "reference"] { #expect(!text.contains(secret), "\(secret) leaked") }
            let tables = try #require(shown.jsonObject[object: "sql"]?["tables"] as? [[String: Any]])
            #expect(tables.compactMap { $0["name"] as? String } == ["customers", "orders"])

            let run = try await campus.request(.POST, path + "/run", json: ["query": "SELECT name FROM customers ORDER BY id"], token: student.token)
            #expect(run.status == .ok)
            #expect(run.jsonObject["columns"] as? [String] == ["name"])
            #expect(run.jsonObject["rows"] as? [[String]] == [["Ann"], ["Boris"]])
            let runError = try await campus.request(.POST, path + "/run", json: ["query": "SELECT nope FROM customers"], token: student.token)
            #expect((runError.jsonObject[string: "error"] ?? "").contains("nope"))

            // Tuned to the visible rows: right there, wrong on the hidden ones, and the message names none of them.
            let tuned = try await campus.request(.POST, path + "/submit", json: ["query": "SELECT 'Ann' AS name, 2 AS orders"], token: student.token)
            #expect(tuned.status == .created)
            #expect(tuned.jsonObject["passed"] as? Bool == false)
            let checks = try #require(tuned.jsonObject["checks"] as? [[String: Any]])
            #expect(checks.map { $0["passed"] as? Bool } == [true, false])
            #expect(!tuned.body.string.contains("Sveta") && !tuned.body.string.contains("Hugo"))
            #expect(tuned.jsonObject["score"] as? Int == 10 && tuned.jsonObject["max_score"] as? Int == 20)

            let wrongColumns = try await campus.request(.POST, path + "/submit", json: ["query": "SELECT name FROM customers"], token: student.token)
            let firstCheck = try #require((wrongColumns.jsonObject["checks"] as? [[String: Any]])?.first)
            #expect((firstCheck["message"] as? String ?? "").contains("1 column"))

            let right = try await campus.request(.POST, path + "/submit", json: ["query": PracticeFixtures.reference], token: student.token,
                                                 headers: [("Accept-Language", "ru-RU,ru;q=0.9")])
            #expect(right.jsonObject["passed"] as? Bool == true)
            #expect(right.jsonObject["score"] as? Int == 20)
            #expect(right.jsonObject["attempt_no"] as? Int == 3)
            #expect(right.jsonObject[string: "language"] == "ru")
            #expect((right.jsonObject["checks"] as? [[String: Any]])?.first?["name"] as? String == "Результат на данных из примера")

            // The attempt and what was sent are kept: the summary row, and the details in the content store.
            let attemptID = try #require(right.jsonObject[string: "attempt_id"])
            let details = try await campus.app.campus.content.get(ContentCollection.attemptDetails, id: "attempt:" + attemptID)
            #expect(details?["submission"]?["query"]?.stringValue == PracticeFixtures.reference)
            let standing = try await campus.request(.GET, path, token: student.token).jsonObject[object: "standing"]
            #expect(standing?["attempts"] as? Int == 3 && standing?["passed"] as? Bool == true && standing?["best_score"] as? Int == 20)
        }
    }

    @Test("JSON and API exercises give a verdict per check; the mock's answers come back, nothing leaves the process",
          arguments: TestEngine.available)
    func jsonAndAPI(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await PracticeFixtures.load(into: campus)
            let student = try await enrolledStudent(campus)
            let json = "/api/v1/practices/\(PracticeFixtures.jsonID)/submit"
            let bad = try await campus.request(.POST, json, json: ["document": ["order": ["id": 7, "items": [], "extra": true]]],
                                               token: student.token, headers: [("Accept-Language", "ru")])
            #expect(bad.jsonObject["passed"] as? Bool == false)
            let messages = (bad.jsonObject["checks"] as? [[String: Any]] ?? []).filter { $0["passed"] as? Bool == false }.compactMap { $0["message"] as? String }
            #expect(messages.contains("order.id — строка") && messages.contains("at least one item"))
            #expect(messages.contains { $0.contains("/order") })
            let text = try await campus.request(.POST, json, json: ["document": "{\"order\": {\"id\": \"A\", \"items\": [1]}}"], token: student.token)
            #expect(text.jsonObject["passed"] as? Bool == true)
            let broken = try await campus.request(.POST, json, json: ["document": "{not json"], token: student.token)
            #expect(broken.status == .created && broken.jsonObject["passed"] as? Bool == false)
            #expect(try await campus.request(.POST, "/api/v1/practices/\(PracticeFixtures.jsonID)/run", json: ["document": [:]],
                                             token: student.token).status == .unprocessableEntity)

            let api = "/api/v1/practices/\(PracticeFixtures.apiID)"
            let readFirst = try await campus.request(.POST, api + "/submit", json: ["requests": [
                ["method": "GET", "path": "/orders/42"],
                ["method": "POST", "path": "/orders", "headers": ["Content-Type": "application/json"], "body": ["sku": "A"]],
            ]], token: student.token)
            #expect(readFirst.jsonObject["passed"] as? Bool == false)
            let exchanges = try #require(readFirst.jsonObject["exchanges"] as? [[String: Any]])
            #expect(exchanges.map { $0["status"] as? Int } == [200, 422])
            let createMessage = (readFirst.jsonObject["checks"] as? [[String: Any]])?.first?["message"] as? String ?? ""
            #expect(createMessage.contains("idempotency-key"))
            let good = try await campus.request(.POST, api + "/submit", json: ["requests": [
                ["method": "POST", "path": "/orders", "headers": ["content-type": "application/json; charset=utf-8", "Idempotency-Key": "1"],
                 "body": ["sku": "A"]],
                ["method": "GET", "path": "/orders/42"],
            ]], token: student.token)
            #expect(good.jsonObject["passed"] as? Bool == true)
            #expect((good.jsonObject["exchanges"] as? [[String: Any]])?.last?["body"] as? [String: String] == ["id": "42"])
            let tried = try await campus.request(.POST, api + "/run", json: ["requests": [["method": "DELETE", "path": "/orders/1"]]], token: student.token)
            #expect((tried.jsonObject["exchanges"] as? [[String: Any]])?.first?["status"] as? Int == 405)
            #expect(tried.jsonObject["passed"] == nil)
        }
    }

    @Test("bad submissions are 422 naming the field and record nothing", arguments: TestEngine.available)
    func badInput(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await PracticeFixtures.load(into: campus)
            let student = try await enrolledStudent(campus)
            let cases: [(String, String, String)] = [
                (PracticeFixtures.sqlID, #"{"query": 5}"#, "query"),
                (PracticeFixtures.sqlID, #"{}"#, "query"),
                (PracticeFixtures.sqlID, #"[1]"#, "body"),
                (PracticeFixtures.jsonID, #"{"doc": {}}"#, "document"),
                (PracticeFixtures.apiID, #"{"requests": {}}"#, "requests"),
                (PracticeFixtures.apiID, #"{"requests": [{"method": "BREW", "path": "/"}]}"#, "requests[0].method"),
                (PracticeFixtures.apiID, #"{"requests": [{"method": "GET", "path": "http://example.com/"}]}"#, "requests[0].path"),
            ]
            for (id, body, field) in cases {
                let response = try await campus.request(.POST, "/api/v1/practices/\(id)/submit", rawBody: body, token: student.token)
                #expect(response.status == .unprocessableEntity, "\(body)")
                #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
                let errors = response.jsonObject["errors"] as? [[String: Any]] ?? []
                #expect(errors.contains { $0["field"] as? String == field }, "\(body): \(response.body.string)")
            }
            let attempts = try await campus.request(.GET, "/api/v1/users/me/practice-attempts", token: student.token)
            #expect((attempts.jsonObject["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("who may open an exercise: signed in, and enrolled in its course unless the lesson is a preview", arguments: TestEngine.available)
    func access(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await PracticeFixtures.load(into: campus, practices: [PracticeFixtures.sql(), PracticeFixtures.sql(id: "practice:fixture-preview", lessonID: "lesson:fixture-1")])
            let stranger = try await campus.user()
            let path = "/api/v1/practices/\(PracticeFixtures.sqlID)"
            #expect(try await campus.request(.GET, path).status == .unauthorized)
            #expect(try await campus.request(.GET, path, token: stranger.token).status == .forbidden)
            #expect(try await campus.request(.POST, path + "/submit", json: ["query": "SELECT 1"], token: stranger.token).status == .forbidden)
            #expect(try await campus.request(.GET, "/api/v1/practices/practice:fixture-preview", token: stranger.token).status == .ok)
            #expect(try await campus.request(.GET, "/api/v1/practices/practice:nope", token: stranger.token).status == .notFound)
            #expect(try await campus.request(.GET, "/api/v1/practices/nope", token: stranger.token).status == .notFound)
        }
    }

    @Test("max_attempts holds even for parallel submits, and attempts list newest first in pages", arguments: TestEngine.available)
    func attemptLimits(engine: TestEngine) async throws {
        try await withCampus(engine, configure: { $0.practiceSubmitsPerMinute = 100 }) { campus in
            try await PracticeFixtures.load(into: campus, practices: [PracticeFixtures.sql(maxAttempts: 3), PracticeFixtures.json()])
            let student = try await enrolledStudent(campus)
            let path = "/api/v1/practices/\(PracticeFixtures.sqlID)/submit"
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for _ in 0..<6 {
                    group.addTask { try await campus.request(.POST, path, json: ["query": "SELECT 1"], token: student.token).status.code }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 3, "\(statuses)")
            #expect(statuses.filter { $0 == 409 }.count == 3, "\(statuses)")
            _ = try await campus.request(.POST, "/api/v1/practices/\(PracticeFixtures.jsonID)/submit", json: ["document": [:]], token: student.token)

            let all = try await campus.request(.GET, "/api/v1/users/me/practice-attempts?limit=2", token: student.token)
            let firstPage = try #require(all.jsonObject["items"] as? [[String: Any]])
            #expect(firstPage.count == 2 && firstPage.first?["practice_id"] as? String == PracticeFixtures.jsonID)
            let cursor = try #require(all.jsonObject[string: "next_cursor"])
            let rest = try await campus.request(.GET, "/api/v1/users/me/practice-attempts?limit=2&cursor=\(cursor)", token: student.token)
            #expect((rest.jsonObject["items"] as? [[String: Any]])?.count == 2)
            let filtered = try await campus.request(.GET, "/api/v1/users/me/practice-attempts?practice_id=\(PracticeFixtures.sqlID)", token: student.token)
            // Newest first by when each submit began; parallel submits may take their numbers in another order.
            #expect(Set((filtered.jsonObject["items"] as? [[String: Any]])?.compactMap { $0["attempt_no"] as? Int } ?? []) == [1, 2, 3])
            let other = try await campus.user()
            #expect((try await campus.request(.GET, "/api/v1/users/me/practice-attempts", token: other.token).jsonObject["items"] as? [Any])?.isEmpty == true)
            #expect(try await campus.request(.GET, "/api/v1/users/me/practice-attempts?practice_id=x", token: other.token).status == .unprocessableEntity)
        }
    }

    @Test("the per-learner submit limit answers 429 with Retry-After", arguments: [TestEngine.sqlite])
    func submitRate(engine: TestEngine) async throws {
        try await withCampus(engine, configure: { $0.practiceSubmitsPerMinute = 2 }) { campus in
            try await PracticeFixtures.load(into: campus)
            let student = try await enrolledStudent(campus)
            let path = "/api/v1/practices/\(PracticeFixtures.jsonID)/submit"
            for _ in 0..<2 { #expect(try await campus.request(.POST, path, json: ["document": [:]], token: student.token).status == .created) }
            let limited = try await campus.request(.POST, path, json: ["document": [:]], token: student.token)
            #expect(limited.status == .tooManyRequests && limited.headers.first(name: .retryAfter) != nil)
        }
    }

    @Test("a required exercise holds back its lesson's completion until it is passed; the lesson lists its exercises",
          arguments: TestEngine.available)
    func requiredForCompletion(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await PracticeFixtures.load(into: campus, practices: [PracticeFixtures.sql(required: true), PracticeFixtures.json()])
            let student = try await enrolledStudent(campus)
            let lesson = try await campus.request(.GET, "/api/v1/lessons/lesson:fixture-2", token: student.token)
            let links = try #require(lesson.jsonObject["practices"] as? [[String: Any]])
            #expect(links.compactMap { $0["id"] as? String } == [PracticeFixtures.jsonID, PracticeFixtures.sqlID])
            #expect(links.last?["required"] as? Bool == true && links.last?["passed"] as? Bool == false)
            let blocked = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-2/completion", token: student.token)
            #expect(blocked.status == .conflict)
            #expect(blocked.problemType?.hasSuffix("practice-required") == true)
            _ = try await campus.request(.POST, "/api/v1/practices/\(PracticeFixtures.sqlID)/submit", json: ["query": PracticeFixtures.reference],
                                         token: student.token)
            #expect(try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-2/completion", token: student.token).status == .ok)
            let after = try await campus.request(.GET, "/api/v1/lessons/lesson:fixture-2", token: student.token)
            #expect((after.jsonObject["practices"] as? [[String: Any]])?.last?["passed"] as? Bool == true)
        }
    }

    @Test("saving an exercise runs its reference or sample: a broken one is refused with 422 naming the field, nothing saved",
          arguments: TestEngine.available)
    func saveChecks(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            let admin = try await campus.user(.admin)
            func put(_ document: JSONObject) async throws -> TestingHTTPResponse {
                let id = document["_id"]?.stringValue ?? ""
                return try await campus.request(.PUT, "/api/v1/content/practices/\(id)", rawBody: try JSONValue.object(document).jsonText(), token: admin.token)
            }
            var wrongAPI = PracticeFixtures.api(id: "practice:bad-api")
            if case .object(var api)? = wrongAPI["api"] {
                api["sample_solution"] = [["method": "GET", "path": "/orders/42"]]
                wrongAPI["api"] = .object(api)
            }
            var wrongJSON = PracticeFixtures.json(id: "practice:bad-json")
            if case .object(var json)? = wrongJSON["json"] {
                json["sample_solution"] = ["order": ["id": 1]]
                wrongJSON["json"] = .object(json)
            }
            var unsupported = PracticeFixtures.json(id: "practice:bad-schema")
            if case .object(var json)? = unsupported["json"] {
                json["schema"] = ["type": "object", "unevaluatedProperties": false]
                unsupported["json"] = .object(json)
            }
            var noLesson = PracticeFixtures.sql(id: "practice:bad-lesson")
            noLesson["lesson_id"] = "lesson:nowhere"
            let refused: [(JSONObject, String)] = [
                (PracticeFixtures.sql(id: "practice:bad-ref", reference: "SELECT missing FROM customers"), "sql.reference"),
                (PracticeFixtures.sql(id: "practice:bad-hidden", hidden: "INSERT INTO nowhere VALUES (1)"), "sql.datasets.hidden"),
                (PracticeFixtures.sql(id: "practice:bad-write", reference: "DELETE FROM orders"), "sql.reference"),
                (PracticeFixtures.sql(id: "practice:bad-slow", reference: "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"), "sql.reference"),
                (wrongAPI, "api.sample_solution"),
                (wrongJSON, "json.sample_solution"),
                (unsupported, "json.schema"),
                (noLesson, "lesson_id"),
            ]
            for (document, field) in refused {
                let response = try await put(document)
                #expect(response.status == .unprocessableEntity, "\(field): \(response.body.string)")
                let errors = response.jsonObject["errors"] as? [[String: Any]] ?? []
                #expect(errors.contains { $0["field"] as? String == field }, "\(field): \(response.body.string)")
            }
            var postgres = PracticeFixtures.sql(id: "practice:pg")
            if case .object(var sql)? = postgres["sql"] { sql["dialect"] = "postgresql"; postgres["sql"] = .object(sql) }
            let pg = try await put(postgres)
            #expect(pg.status == .unprocessableEntity && pg.body.string.contains("CAMPUS_PRACTICE_POSTGRES_URL"))
            let stored = try await campus.app.campus.content.query(ContentCollection.practices, filter: [:], after: nil, limit: 50)
            #expect(stored.isEmpty)
            #expect(try await put(PracticeFixtures.sql()).status == .created)
            #expect(try await put(PracticeFixtures.api()).status == .created)
        }
    }

    @Test("another author reads an exercise without its reference, hidden rows or sample solutions", arguments: [TestEngine.sqlite])
    func authorsSeeNoSecretsOfOthers(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            let owner = try await campus.user(.author)
            let other = try await campus.user(.author)
            let body = try JSONValue.object(PracticeFixtures.sql(id: "practice:own", lessonID: nil)).jsonText()
            #expect(try await campus.request(.PUT, "/api/v1/content/practices/practice:own", rawBody: body, token: owner.token).status == .created)
            let mine = try await campus.request(.GET, "/api/v1/content/practices/practice:own", token: owner.token)
            #expect(mine.body.string.contains("Secret Sveta") && mine.body.string.contains("HAVING"))
            let theirs = try await campus.request(.GET, "/api/v1/content/practices/practice:own", token: other.token)
            #expect(theirs.status == .ok)
            #expect(!theirs.body.string.contains("Secret Sveta") && !theirs.body.string.contains("HAVING"))
            #expect(try await campus.request(.PUT, "/api/v1/content/practices/practice:own", rawBody: body, token: other.token).status == .forbidden)
        }
    }

    @Test("while a runaway query holds the only checker thread, other requests are answered", arguments: [TestEngine.sqlite])
    func othersKeepGoing(engine: TestEngine) async throws {
        try await withCampus(engine, configure: { $0.practiceWorkers = 1 }) { campus in
            // A long limit, so that a loaded machine answers the profile well within it.
            try await PracticeFixtures.load(into: campus, practices: [PracticeFixtures.sql(timeMS: 5_000)])
            let student = try await enrolledStudent(campus)
            let runaway = Task {
                try await campus.request(.POST, "/api/v1/practices/\(PracticeFixtures.sqlID)/submit",
                                         json: ["query": "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"],
                                         token: student.token)
            }
            let sandbox = try #require(campus.app.practice.runners[.sqlite] as? SQLiteSandbox)
            while sandbox.queued == 0 { await Task.yield() }
            let me = try await campus.request(.GET, "/api/v1/users/me", token: student.token)
            #expect(me.status == .ok)
            #expect(sandbox.queued == 1, "the profile was answered while the check still ran")
            let verdict = try await runaway.value
            #expect((verdict.jsonObject["checks"] as? [[String: Any]])?.first?["message"] as? String == "The query ran longer than 5000 ms and was stopped.")
        }
    }
}
