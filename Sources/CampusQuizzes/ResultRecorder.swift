import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import SQLKit

/// Scores an attempt and records its result exactly once: by a submit, or by the deadline when a late
/// reader finds it past its time. Then tells whoever listens (`QuizOutcomes`) and queues the
/// recommendations.
package struct ResultRecorder: Sendable {
    package let environment: QuizEnvironment

    package init(_ environment: QuizEnvironment) {
        self.environment = environment
    }

    private var database: any Database { environment.database }
    private var queries: AttemptQueries { AttemptQueries(environment) }

    /// Late answers within this much of the deadline still count (network, clock skew).
    package static let deadlineGrace: TimeInterval = 30
    /// How long a submit may hold its claim on an attempt before another may take over.
    package static let submitLease: TimeInterval = 30

    package struct Finished {
        package var attempt: QuizAttempt
        package var details: AttemptDetails
        package var quiz: Quiz
        package var questions: [String: Question]
        /// What `details` stores as JSON, still typed when this request computed it.
        package var scored: QuizPresenter.Scored? = nil
        /// Achievements this finish earned its taker.
        package var awarded: [EarnedAward] = []

        package init(attempt: QuizAttempt, details: AttemptDetails, quiz: Quiz, questions: [String: Question], scored: QuizPresenter.Scored? = nil) {
            self.attempt = attempt
            self.details = details
            self.quiz = quiz
            self.questions = questions
            self.scored = scored
        }
    }

    /// Closes an in-progress attempt whose deadline (plus grace) has passed, scoring its saved
    /// answers. Returns nil when the attempt is still open.
    package func closeIfPastDeadline(_ attempt: QuizAttempt, quiz: Quiz? = nil, questions: [String: Question]? = nil) async throws -> Finished? {
        guard attempt.statusValue == .inProgress, let expiresAt = attempt.expiresAt,
              environment.now > expiresAt.addingTimeInterval(Self.deadlineGrace) else { return nil }
        let quiz = if let quiz { quiz } else { try await environment.catalog.quiz(attempt.quizContentID) }
        let questions = if let questions { questions } else { try await environment.catalog.questions(of: quiz) }
        let details = try await queries.loadDetails(attempt)
        // Saved answers were checked when saved, but the quiz may have changed since: keep what still reads.
        var interpreted: [String: SubmittedAnswer] = [:]
        for (questionID, value) in details.answers {
            if let question = questions[questionID],
               let answer = try? AnswerCheck.interpret(value, for: question, path: "answers.\(questionID)") {
                interpreted[questionID] = answer
            }
        }
        do {
            return try await finish(attempt: attempt, details: details, quiz: quiz, questions: questions,
                                    answers: interpreted, status: .expired, experience: nil)
        } catch QuizError.alreadySubmitted {
            // Someone else closed it meanwhile; read their outcome.
            guard let fresh = try await QuizAttempt.find(attempt.id, on: database) else { throw QuizError.alreadySubmitted }
            return Finished(attempt: fresh, details: try await queries.loadDetails(fresh), quiz: quiz, questions: questions)
        }
    }

    package func finish(attempt: QuizAttempt, details: AttemptDetails, quiz: Quiz, questions: [String: Question],
                        answers: [String: SubmittedAnswer], status: QuizAttempt.Status, experience: String?) async throws -> Finished {
        let asked = details.questionIDs.compactMap { questions[$0] }
        let result = QuizScoring.score(quiz: quiz, questions: asked, answers: answers)
        let completedAt = environment.now
        let attemptEnd = status == .expired ? (attempt.expiresAt ?? completedAt) : completedAt
        let timeSpent = max(0, Int(attemptEnd.timeIntervalSince(attempt.startedAt).rounded()))
        let categoryScores = try JSONValue.object(Dictionary(uniqueKeysWithValues: result.categoryScores.map {
            ($0.key, JSONValue.int(Int64($0.score)))
        })).jsonText()
        let attemptID = try attempt.requireID()

        // A submit writes the details (content store) first and the summary row last, so no failure in
        // between can leave a completed attempt without its result. The claim decides a race between
        // submits (and the deadline closer) before anything is written; it is a lease, so a submit cut
        // off midway (a crash, a lost database) leaves the attempt open to a retry once it lapses.
        let claim = UUID.v7()
        let claimed = try await database.sql.raw("""
            UPDATE quiz_attempts SET submit_claim = \(bind: claim), submit_claimed_at = \(bind: completedAt)
            WHERE id = \(bind: attemptID) AND status = 'in_progress'
              AND (submit_claim IS NULL OR submit_claimed_at < \(bind: completedAt.addingTimeInterval(-Self.submitLease)))
            RETURNING id
            """).all()
        guard !claimed.isEmpty else {
            let current = try await QuizAttempt.find(attemptID, on: database)
            if current?.statusValue == .inProgress { throw QuizError.submitInFlight }
            throw QuizError.alreadySubmitted
        }

        var finished = details
        let questionDetails = QuestionDetails.build(asked: asked, answers: answers, result: result)
        finished.result = result.jsonValue
        finished.questionDetails = .array(questionDetails.map(\.json))
        let useBuiltIn = environment.quizzes.llm == nil
        if useBuiltIn {
            let request = await recommendationRequest(quiz: quiz, result: result, questions: questions, answers: answers, experience: experience)
            finished.recommendations = try? await BuiltInRecommendations().recommend(request)
        }
        do {
            try await environment.content.upsert(ContentCollection.attemptDetails, id: finished.id, document: finished.document)
        } catch {
            // Nothing is decided yet: let the submit be repeated at once (or, if this fails too, when the lease lapses).
            try? await database.sqlRaw("""
                UPDATE quiz_attempts SET submit_claim = NULL, submit_claimed_at = NULL
                WHERE id = \(bind: attemptID) AND submit_claim = \(bind: claim)
                """)
            throw error
        }
        let completed = try await database.sql.raw("""
            UPDATE quiz_attempts SET status = \(bind: status.rawValue), submitted_at = \(bind: completedAt),
                score = \(bind: result.score), max_score = 100, passed = \(bind: result.passed),
                level = \(bind: result.level?.key), time_spent_seconds = \(bind: timeSpent),
                category_scores = \(bind: categoryScores), submit_claim = NULL, submit_claimed_at = NULL,
                updated_at = \(bind: completedAt), updated_by = \(bind: attempt.userID)
            WHERE id = \(bind: attemptID) AND status = 'in_progress' AND submit_claim = \(bind: claim)
            RETURNING id
            """).all()
        // The lease lapsed and another submit took over; its outcome stands.
        guard !completed.isEmpty else { throw QuizError.alreadySubmitted }
        attempt.status = status.rawValue
        attempt.submittedAt = completedAt
        attempt.score = result.score
        attempt.maxScore = 100
        attempt.passed = result.passed
        attempt.level = result.level?.key
        attempt.timeSpentSeconds = timeSpent
        attempt.categoryScores = categoryScores
        if !useBuiltIn {
            let request = await recommendationRequest(quiz: quiz, result: result, questions: questions, answers: answers, experience: experience)
            environment.quizzes.recommendations.enqueue(attemptID: attemptID, userID: attempt.userID,
                                                        clientAddress: environment.clientAddress, request: request)
        }
        if status == .completed, let userID = attempt.userID {
            await tellOutcomes(userID: userID, quizID: quiz.id)
        }
        var awarded: [EarnedAward] = []
        if let userID = attempt.userID {
            awarded = await environment.platform.activity.record(.init(.quizCompleted, userID: userID, reference: quiz.id, passed: result.passed),
                                                                 on: database)
        }
        var done = Finished(attempt: attempt, details: finished, quiz: quiz, questions: questions,
                            scored: QuizPresenter.Scored(result: result, questionDetails: questionDetails))
        done.awarded = awarded
        return done
    }

    /// The submission itself is done; what follows it (streaks, course completion) must not undo it.
    private func tellOutcomes(userID: UUID, quizID: String) async {
        for listener in environment.quizzes.outcomes {
            do {
                try await listener.quizCompleted(userID: userID, quizID: quizID, on: database)
            } catch {
                environment.logger.warning("a listener of quiz outcomes failed",
                                           metadata: ["error": .string(String(describing: type(of: error)))])
            }
        }
    }

    package func recommendationRequest(quiz: Quiz, result: QuizResult, questions: [String: Question],
                                       answers: [String: SubmittedAnswer], experience: String?) async -> RecommendationRequest {
        // Suggestions are a nicety: a catalog that cannot be read must not fail the submission.
        let courses = (try? await CourseSuggestions(database: database).find(result.weaknesses)) ?? []
        return RecommendationRequest(quiz: quiz, result: result, questions: questions, answers: answers,
                                     experience: experience, courses: courses)
    }
}
