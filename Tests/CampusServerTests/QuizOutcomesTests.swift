import CampusCore
import FluentKit
import Foundation
import Synchronization
import Testing
@testable import CampusQuizzes
@testable import CampusServer

/// The seam between quizzes and learning: a completed attempt is announced to every `QuizOutcomes`
/// listener the app wired; what a listener does after the result is recorded can never undo it.
@Suite("Quiz outcomes")
struct QuizOutcomesTests {
    final class Recording: QuizOutcomes {
        let calls = Mutex<[String]>([])

        func quizCompleted(userID: UUID, quizID: String, on database: any Database) async throws {
            calls.withLock { $0.append(userID.wireString + " " + quizID) }
        }
    }

    struct Failing: QuizOutcomes {
        struct Broken: Error {}

        func quizCompleted(userID: UUID, quizID: String, on database: any Database) async throws {
            throw Broken()
        }
    }

    @Test("a submit is announced once to every listener; a failing one changes nothing the learner sees", arguments: TestEngine.available)
    func announced(engine: TestEngine) async throws {
        let recording = Recording()
        try await withCampus(engine, quizOutcomes: [Failing(), recording]) { campus in
            try await LearningFixtures.load(into: campus)
            let student = try await campus.user()
            let attemptID = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: student.token)
                .jsonObject[string: "attempt_id"])
            #expect(recording.calls.withLock { $0 }.isEmpty, "starting is not an outcome")
            let submit = try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)/submit",
                                                  json: ["answers": QuizFixtures.bestAnswers], token: student.token)
            #expect(submit.status == .ok)
            #expect(submit.jsonObject[string: "status"] == "completed")
            #expect(recording.calls.withLock { $0 } == [student.id.wireString + " quiz:fixture"])
            // Learning heard it too (the first listener): the day counts for the streak.
            let dashboard = try await campus.request(.GET, "/api/v1/users/me/dashboard", token: student.token).jsonObject
            #expect(dashboard["current_streak"] as? Int == 1)
            // Submitting again is refused and announces nothing.
            let again = try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)/submit",
                                                 json: ["answers": QuizFixtures.bestAnswers], token: student.token)
            #expect(again.status == .conflict)
            #expect(recording.calls.withLock { $0 }.count == 1)
        }
    }
}
