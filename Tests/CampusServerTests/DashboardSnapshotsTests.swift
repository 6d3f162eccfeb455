import CampusCore
import FluentKit
import Foundation
import SQLKit
import Testing
@testable import CampusLearning
@testable import CampusServer

/// The dashboard's read store: what it reads, when it serves a kept snapshot and when it reads again.
@Suite("Dashboard snapshots")
struct DashboardSnapshotsTests {
    /// A learner enrolled in the fixture course, one lesson completed and bookmarked, one attempt submitted.
    private func learner(_ campus: TestCampus) async throws -> UUID {
        try await LearningFixtures.load(into: campus)
        let student = try await campus.user()
        _ = try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token)
        _ = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-1/completion", token: student.token)
        _ = try await campus.request(.PUT, "/api/v1/lessons/lesson:fixture-1/bookmark", json: ["bookmarked": true], token: student.token)
        let attemptID = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: student.token)
            .jsonObject[string: "attempt_id"])
        _ = try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)/submit",
                                     json: ["answers": QuizFixtures.worstAnswers], token: student.token)
        return student.id
    }

    private func snapshotState(_ campus: TestCampus, _ userID: UUID) async throws -> (version: Int64, computed: Int64?)? {
        guard let row = try await campus.app.campusDB.sql.raw(
            "SELECT version, computed_version FROM dashboard_snapshots WHERE user_id = \(bind: userID)").first() else { return nil }
        return (try row.decode(column: "version", as: Int64.self), try row.decode(column: "computed_version", as: Int64?.self))
    }

    @Test("the rows name what the learner did, read by column on every engine", arguments: TestEngine.available)
    func rows(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let userID = try await learner(campus)
            let rows = try await DashboardSnapshots(database: campus.app.campusDB).rows(userID: userID)
            #expect(rows.enrollments.map(\.status) == ["active"])
            #expect(rows.enrollments.first?.id.count == 36)
            #expect(rows.enrollments.first?.id == rows.enrollments.first?.id.lowercased())
            let progress = try #require(rows.progress.first { $0.lessonID == "lesson:fixture-1" })
            #expect(progress.status == "completed" && progress.bookmarked)
            #expect(rows.attempts.map(\.quizID) == ["quiz:fixture"])
            #expect(rows.attempts.first?.status == "completed" && rows.attempts.first?.submittedAt != nil)
            #expect(rows.streak.current == 1 && rows.streak.lastActiveDay != nil)
        }
    }

    @Test("a read keeps a snapshot, the next read serves it, and any write makes the next read compute again", arguments: TestEngine.available)
    func keptUntilWritten(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let userID = try await learner(campus)
            let store = DashboardSnapshots(database: campus.app.campusDB)
            let first = try await store.rows(userID: userID)
            let kept = try #require(try await snapshotState(campus, userID))
            #expect(kept.computed == kept.version)
            #expect(try await store.rows(userID: userID) == first)

            // A write behind Campus's back (another instance, an operator) bumps the version through the trigger.
            try await campus.app.campusDB.sql.raw("UPDATE lesson_progress SET time_spent_seconds = 500 WHERE user_id = \(bind: userID)").run()
            let stale = try #require(try await snapshotState(campus, userID))
            #expect(stale.version > kept.version && stale.computed == kept.version)
            #expect(try await store.rows(userID: userID).progress.map(\.timeSpentSeconds).reduce(0, +) == 500 * first.progress.count)
        }
    }

    @Test("what was read before a write is not kept after it", arguments: TestEngine.available)
    func raceWithAWrite(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let userID = try await learner(campus)
            let store = DashboardSnapshots(database: campus.app.campusDB)
            let parts = try await store.compute(userID: userID)
            try await campus.app.campusDB.sql.raw("UPDATE enrollments SET status = 'completed' WHERE user_id = \(bind: userID)").run()
            await store.keep(parts, userID: userID)
            #expect(try await store.currentSnapshot(userID: userID) == nil)
            #expect(try await store.rows(userID: userID).enrollments.map(\.status) == ["completed"])
        }
    }

    @Test("a snapshot this version cannot read (kept by another form of the statement) is computed again, not refused", arguments: TestEngine.available)
    func oldForm(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let userID = try await learner(campus)
            let store = DashboardSnapshots(database: campus.app.campusDB)
            let expected = try await store.rows(userID: userID)
            try await campus.app.campusDB.sql.raw("""
                UPDATE dashboard_snapshots SET enrollments = '[{"id": "x", "status": "active"}]', progress = '[["lesson:x"]]',
                  attempts = '[]', streak = '{"current_streak": 1}' WHERE user_id = \(bind: userID)
                """).run()
            #expect(try await store.rows(userID: userID) == expected)
            #expect(try await store.rows(userID: userID) == expected)
        }
    }
}
