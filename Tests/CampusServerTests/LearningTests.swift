import CampusCore
import FluentKit
import Foundation
import Testing
import SQLKit
import VaporTesting
@testable import CampusAccounts
@testable import CampusAdmin
@testable import CampusCatalog
@testable import CampusCompatibility
@testable import CampusLearning
@testable import CampusPlatform
@testable import CampusQuizzes
@testable import CampusServer

@Suite("Enrollment and lessons")
struct LearningTests {
    @Test("enrolling is idempotent, cancelling keeps the row, enrolling again re-activates it", arguments: TestEngine.available)
    func enrollment(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            let student = try await campus.user()
            let first = try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token)
            #expect(first.status == .created)
            let again = try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token)
            #expect(again.status == .ok)
            #expect(again.jsonObject[string: "id"] == first.jsonObject[string: "id"])
            let cancelled = try await campus.request(.DELETE, "/api/v1/courses/fixture/enrollment", token: student.token)
            #expect(cancelled.jsonObject[string: "status"] == "cancelled")
            #expect(try await campus.request(.GET, "/api/v1/lessons/lesson:fixture-2", token: student.token).status == .forbidden)
            let back = try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token)
            #expect(back.status == .created)
            #expect(back.jsonObject[string: "id"] == first.jsonObject[string: "id"])
            #expect(try await campus.request(.POST, "/api/v1/courses/fixture/enrollment").status == .unauthorized)
            #expect(try await campus.request(.POST, "/api/v1/courses/nope/enrollment", token: student.token).status == .notFound)
        }
    }

    @Test("parallel enrollments of one user make one enrollment", arguments: TestEngine.available)
    func parallelEnrollment(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let course = try await LearningFixtures.load(into: campus)
            let student = try await campus.user()
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for _ in 0..<6 {
                    group.addTask { try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token).status.code }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.filter { $0 == 200 }.count == 5)
            #expect(try await Enrollment.query(on: campus.app.campusDB).filter(\.$courseID == course.requireID()).count() == 1)
        }
    }

    @Test("a paid course answers 402 and enrolls nobody", arguments: TestEngine.available)
    func paid(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus, priceCents: 199_000)
            let student = try await campus.user()
            let response = try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token)
            #expect(response.status == .paymentRequired)
            #expect(response.problemType == "https://campus.dev/problems/payment-required")
            #expect(try await Enrollment.query(on: campus.app.campusDB).count() == 0)
            let card = try await campus.request(.GET, "/api/v1/courses/fixture").jsonObject[object: "course"]
            #expect(card?["price_cents"] as? Int == 199_000)
            #expect(card?[string: "currency"] == "RUB")
        }
    }

    @Test("preview lessons are open to all; others need an enrollment; opening records started", arguments: TestEngine.available)
    func lessonAccess(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            let preview = try await campus.request(.GET, "/api/v1/lessons/lesson:fixture-1")
            #expect(preview.status == .ok)
            #expect(preview.jsonObject[string: "content_mdx"] == "# Hello")
            #expect(preview.jsonObject["progress"] == nil)
            #expect(try await campus.request(.GET, "/api/v1/lessons/lesson:fixture-2").status == .unauthorized)
            let student = try await campus.user()
            let closed = try await campus.request(.GET, "/api/v1/lessons/lesson:fixture-2", token: student.token)
            #expect(closed.status == .forbidden)
            #expect(closed.problemType == "https://campus.dev/problems/enrollment-required")
            #expect(try await campus.request(.GET, "/api/v1/lessons/lesson:nope", token: student.token).status == .notFound)
            _ = try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token)
            let open = try await campus.request(.GET, "/api/v1/lessons/lesson:fixture-2", token: student.token)
            #expect(open.status == .ok)
            #expect(open.jsonObject[object: "progress"]?[string: "status"] == "started")
            #expect(open.jsonObject[string: "previous_lesson_id"] == "lesson:fixture-1")
            #expect(open.jsonObject[string: "next_lesson_id"] == "lesson:fixture-3")
            #expect((open.jsonObject["blocks"] as? [[String: Any]])?.first?[string: "type"] == "code")
        }
    }

    @Test("the enrollment completes when every lesson is done and the final quiz is passed", arguments: TestEngine.available)
    func courseCompletion(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            let student = try await campus.user()
            _ = try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token)
            for lesson in LearningFixtures.lessons {
                let done = try await campus.request(.POST, "/api/v1/lessons/\(lesson)/completion", token: student.token)
                #expect(done.status == .ok)
                #expect(done.jsonObject[object: "enrollment"]?[string: "status"] == "active")
            }
            let again = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-3/completion", token: student.token)
            #expect(again.jsonObject[object: "course_progress"]?["percent"] as? Int == 100)
            #expect(again.jsonObject[object: "course_progress"]?["final_quiz_passed"] as? Bool == false)

            let attemptID = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: student.token).jsonObject[string: "attempt_id"])
            let submitted = try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)/submit",
                                                     json: ["answers": QuizFixtures.bestAnswers], token: student.token)
            #expect(submitted.status == .ok)
            let card = try await campus.request(.GET, "/api/v1/courses/fixture", token: student.token).jsonObject
            #expect(card[object: "enrollment"]?[string: "status"] == "completed")
            #expect(card[object: "enrollment"]?[string: "completed_at"] != nil)
        }
    }

    @Test("bookmarks and notes: validated, listed, and an empty note removes it", arguments: TestEngine.available)
    func bookmarksAndNotes(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            let student = try await campus.user()
            _ = try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token)
            let marked = try await campus.request(.PUT, "/api/v1/lessons/lesson:fixture-2/bookmark", json: ["bookmarked": true], token: student.token)
            #expect(marked.jsonObject["bookmarked"] as? Bool == true)
            let wrongType = try await campus.request(.PUT, "/api/v1/lessons/lesson:fixture-2/bookmark", json: ["bookmarked": "yes"], token: student.token)
            #expect([400, 422].contains(wrongType.status.code), "\(wrongType.body.string)")
            #expect(try await campus.request(.PUT, "/api/v1/lessons/lesson:fixture-2/bookmark", json: [:], token: student.token).status == .unprocessableEntity)
            let long = try await campus.request(.PUT, "/api/v1/lessons/lesson:fixture-3/note", json: ["note": String(repeating: "я", count: 10_001)], token: student.token)
            #expect(long.status == .unprocessableEntity)
            #expect((long.jsonObject["errors"] as? [[String: Any]])?.first?[string: "field"] == "note")
            #expect(try await campus.request(.PUT, "/api/v1/lessons/lesson:fixture-3/note", json: ["note": String(repeating: "я", count: 10_000)], token: student.token).status == .ok)
            let bookmarks = try await campus.request(.GET, "/api/v1/users/me/bookmarks", token: student.token).jsonObject["items"] as? [[String: Any]] ?? []
            #expect(bookmarks.map { $0[string: "lesson_id"] } == ["lesson:fixture-2"])
            #expect(bookmarks.first?[string: "lesson_title"] == "Resources")
            var notes = try await campus.request(.GET, "/api/v1/users/me/notes", token: student.token).jsonObject["items"] as? [[String: Any]] ?? []
            #expect(notes.map { $0[string: "lesson_id"] } == ["lesson:fixture-3"])
            #expect(try await campus.request(.PUT, "/api/v1/lessons/lesson:fixture-3/note", json: ["note": "  "], token: student.token).status == .ok)
            notes = try await campus.request(.GET, "/api/v1/users/me/notes", token: student.token).jsonObject["items"] as? [[String: Any]] ?? []
            #expect(notes.isEmpty)
            // another student's lists stay empty
            let other = try await campus.user()
            #expect((try await campus.request(.GET, "/api/v1/users/me/bookmarks", token: other.token).jsonObject["items"] as? [Any])?.isEmpty == true)
        }
    }

    /// The read asks only for the columns it shows (`LearnerRow.Columns.shown`), by position on PostgreSQL; each must
    /// come back as the writes left it.
    @Test("the lesson read shows the learner's progress exactly as bookmark, note, time and completion left it",
          arguments: TestEngine.available)
    func lessonReadShowsProgress(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            let student = try await campus.user()
            _ = try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token)
            let first = try await campus.request(.GET, "/api/v1/lessons/lesson:fixture-1", token: student.token).jsonObject
            let started = first["progress"] as? [String: Any] ?? [:]
            #expect(started[string: "status"] == "started")
            #expect(started["bookmarked"] as? Bool == false)
            #expect(started["time_spent_seconds"] as? Int == 0)
            #expect(started["note"] == nil && started["completed_at"] == nil)
            _ = try await campus.request(.PUT, "/api/v1/lessons/lesson:fixture-1/bookmark", json: ["bookmarked": true], token: student.token)
            _ = try await campus.request(.PUT, "/api/v1/lessons/lesson:fixture-1/note", json: ["note": "ключи — в заголовке"], token: student.token)
            _ = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-1/heartbeat", token: student.token)
            campus.clock.advance(by: 42)
            _ = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-1/heartbeat", token: student.token)
            let completion = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-1/completion", token: student.token)
            #expect(completion.status == .ok, "\(completion.body.string)")
            let read = try await campus.request(.GET, "/api/v1/lessons/lesson:fixture-1", token: student.token)
            #expect(read.status == .ok)
            let progress = read.jsonObject["progress"] as? [String: Any] ?? [:]
            #expect(progress[string: "status"] == "completed")
            #expect(progress["bookmarked"] as? Bool == true)
            #expect(progress[string: "note"] == "ключи — в заголовке")
            #expect(progress["time_spent_seconds"] as? Int == 42)
            #expect(progress[string: "completed_at"]?.hasPrefix("20") == true)
        }
    }

    @Test("heartbeats credit the time since the previous one, at most 60 s", arguments: TestEngine.available)
    func heartbeat(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            let student = try await campus.user()
            _ = try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token)
            _ = try await campus.request(.GET, "/api/v1/lessons/lesson:fixture-2", token: student.token)
            let start = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-2/heartbeat", token: student.token).jsonObject
            #expect(start["credited_seconds"] as? Int == 0)
            campus.clock.advance(by: 25)
            let first = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-2/heartbeat", token: student.token).jsonObject
            #expect(first["credited_seconds"] as? Int == 25)
            // hammering does not add time
            for _ in 0..<5 {
                #expect(try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-2/heartbeat", token: student.token).jsonObject["credited_seconds"] as? Int == 0)
            }
            campus.clock.advance(by: 600)
            let late = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-2/heartbeat", token: student.token).jsonObject
            #expect(late["credited_seconds"] as? Int == 60)
            #expect(late["time_spent_seconds"] as? Int == 85)
            let dashboard = try await campus.request(.GET, "/api/v1/users/me/dashboard", token: student.token).jsonObject
            #expect(dashboard["total_time_seconds"] as? Int == 85)
            #expect(try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-2/heartbeat").status == .unauthorized)
        }
    }

    @Test("the streak counts local days of the user's time zone and lapses after the next day", arguments: TestEngine.available)
    func streak(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            let student = try await campus.user()
            let zone = try await campus.request(.PATCH, "/api/v1/users/me", json: ["time_zone": "Asia/Tokyo"], token: student.token)
            #expect(zone.jsonObject[string: "time_zone"] == "Asia/Tokyo")
            #expect(try await campus.request(.PATCH, "/api/v1/users/me", json: ["time_zone": "MSK"], token: student.token).status == .unprocessableEntity)
            _ = try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token)
            // 2026-03-01 14:30 UTC is 23:30 in Tokyo; 16:00 UTC is already the next Tokyo day.
            let start = try #require(ISO8601DateFormatter().date(from: "2026-03-01T14:30:00Z"))
            campus.clock.advance(by: start.timeIntervalSince(campus.clock.now))
            _ = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-1/completion", token: student.token)
            campus.clock.advance(by: 90 * 60)
            _ = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-2/completion", token: student.token)
            var dashboard = try await campus.request(.GET, "/api/v1/users/me/dashboard", token: student.token).jsonObject
            #expect(dashboard["current_streak"] as? Int == 2)
            #expect(dashboard[string: "last_active_day"] == "2026-03-02")
            // still shown through the whole next local day (2026-03-03 Tokyo), gone after it
            campus.clock.advance(by: 24 * 3600)
            dashboard = try await campus.request(.GET, "/api/v1/users/me/dashboard", token: student.token).jsonObject
            #expect(dashboard["current_streak"] as? Int == 2)
            campus.clock.advance(by: 24 * 3600)
            dashboard = try await campus.request(.GET, "/api/v1/users/me/dashboard", token: student.token).jsonObject
            #expect(dashboard["current_streak"] as? Int == 0)
            #expect(dashboard["longest_streak"] as? Int == 2)
            // a quiz submission counts as activity too
            let attemptID = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: student.token).jsonObject[string: "attempt_id"])
            _ = try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)/submit", json: ["answers": QuizFixtures.worstAnswers], token: student.token)
            dashboard = try await campus.request(.GET, "/api/v1/users/me/dashboard", token: student.token).jsonObject
            #expect(dashboard["current_streak"] as? Int == 1)
            #expect((dashboard["last_attempts"] as? [[String: Any]])?.first?[string: "quiz_id"] == "quiz:fixture")
        }
    }

    @Test("the dashboard lists enrollments with percent complete and the next lesson", arguments: TestEngine.available)
    func dashboard(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            let student = try await campus.user()
            _ = try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token)
            _ = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-1/completion", token: student.token)
            _ = try await campus.request(.PUT, "/api/v1/lessons/lesson:fixture-1/bookmark", json: ["bookmarked": true], token: student.token)
            let dashboard = try await campus.request(.GET, "/api/v1/users/me/dashboard", token: student.token)
            #expect(dashboard.status == .ok)
            let enrollment = try #require((dashboard.jsonObject["enrollments"] as? [[String: Any]])?.first)
            #expect(enrollment[string: "course_id"] != nil)
            #expect(enrollment["percent_complete"] as? Int == 33)
            #expect(enrollment[object: "next_lesson"]?[string: "id"] == "lesson:fixture-2")
            #expect(enrollment[object: "next_lesson"]?[string: "title"] == "Resources")
            #expect(dashboard.jsonObject["bookmarks_count"] as? Int == 1)
            #expect(dashboard.jsonObject["current_streak"] as? Int == 1)
            #expect(try await campus.request(.GET, "/api/v1/users/me/dashboard").status == .unauthorized)
        }
    }

    @Test("the dashboard shows a renamed course's new title at once and drops a deleted course", arguments: TestEngine.available)
    func dashboardFollowsCourseChanges(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            let student = try await campus.user()
            let admin = try await campus.user(.admin)
            _ = try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token)
            func titles() async throws -> [String] {
                let dashboard = try await campus.request(.GET, "/api/v1/users/me/dashboard", token: student.token)
                return ((dashboard.jsonObject["enrollments"] as? [[String: Any]]) ?? []).compactMap { $0[string: "course_title"] }
            }
            #expect(try await titles().count == 1)
            #expect(try await campus.request(.PATCH, "/api/v1/courses/fixture", json: ["title": "Renamed course"], token: admin.token).status == .ok)
            #expect(try await titles() == ["Renamed course"])
            #expect(try await campus.request(.DELETE, "/api/v1/courses/fixture", token: admin.token).status == .noContent)
            #expect(try await titles() == [])
        }
    }

    @Test("the dashboard follows every change at once, also writes that bypass this instance", arguments: TestEngine.available)
    func dashboardFollowsWrites(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            let student = try await campus.user()
            func dashboard() async throws -> [String: Any] {
                try await campus.request(.GET, "/api/v1/users/me/dashboard", token: student.token).jsonObject
            }
            func percent(_ dashboard: [String: Any]) -> Int? {
                (dashboard["enrollments"] as? [[String: Any]])?.first?["percent_complete"] as? Int
            }
            #expect((try await dashboard()["enrollments"] as? [Any])?.isEmpty == true)
            _ = try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token)
            #expect(percent(try await dashboard()) == 0)
            // Read twice: the second answer comes from the kept snapshot and must equal the first.
            #expect(percent(try await dashboard()) == 0)
            let kept = try await campus.app.campusDB.sql.raw("SELECT version, computed_version FROM dashboard_snapshots").all()
            #expect(kept.count == 1)
            #expect(try kept.first?.decode(column: "computed_version", as: Int64?.self) == kept.first?.decode(column: "version", as: Int64.self))

            _ = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-1/completion", token: student.token)
            #expect(percent(try await dashboard()) == 33)
            _ = try await campus.request(.PUT, "/api/v1/lessons/lesson:fixture-1/bookmark", json: ["bookmarked": true], token: student.token)
            #expect(try await dashboard()["bookmarks_count"] as? Int == 1)
            _ = try await campus.request(.GET, "/api/v1/lessons/lesson:fixture-2", token: student.token)
            _ = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-2/heartbeat", token: student.token)
            #expect(try await dashboard()["total_time_seconds"] as? Int == 0)
            campus.clock.advance(by: 20)
            _ = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-2/heartbeat", token: student.token)
            #expect(try await dashboard()["total_time_seconds"] as? Int == 20)

            // Another instance, or an operator with SQL, changes the rows: the next read shows it.
            try await campus.app.campusDB.sql.raw("UPDATE lesson_progress SET time_spent_seconds = 500 WHERE lesson_content_id = 'lesson:fixture-1'").run()
            #expect(try await dashboard()["total_time_seconds"] as? Int == 520)

            _ = try await campus.request(.DELETE, "/api/v1/courses/fixture/enrollment", token: student.token)
            #expect((try await dashboard()["enrollments"] as? [Any])?.isEmpty == true)
            _ = try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token)
            #expect(percent(try await dashboard()) == 33)
        }
    }

    @Test("after a quiz, the study plan links published courses of the weak categories", arguments: TestEngine.available)
    func suggestions(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus, category: "database")
            let student = try await campus.user()
            let attemptID = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: student.token).jsonObject[string: "attempt_id"])
            let result = try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)/submit",
                                                  json: ["answers": QuizFixtures.worstAnswers], token: student.token)
            #expect(result.jsonObject[string: "recommendations"]?.contains("/api/v1/courses/fixture") == true, "\(result.jsonObject[string: "recommendations"] ?? "")")
        }
    }
}
