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
        /// The result and per-question details, typed, when this request computed them; `details` then leaves them
        /// out (its stored document has them).
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

    /// Whether an attempt with this deadline is past it, grace included.
    package func isPastDeadline(_ expiresAt: Date?) -> Bool {
        expiresAt.map { environment.now > $0.addingTimeInterval(Self.deadlineGrace) } ?? false
    }

    /// Closes an in-progress attempt whose deadline (plus grace) has passed, scoring its saved
    /// answers. Returns nil when the attempt is still open.
    package func closeIfPastDeadline(_ attempt: QuizAttempt, quiz: Quiz? = nil, questions: [String: Question]? = nil) async throws -> Finished? {
        guard attempt.statusValue == .inProgress, isPastDeadline(attempt.expiresAt) else { return nil }
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
        let completedAt = environment.now
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

        let concluded = await conclude(attempt: attempt, details: details, quiz: quiz, questions: questions, answers: answers,
                                       status: status, completedAt: completedAt, experience: experience)
        do {
            try await environment.content.upsert(ContentCollection.attemptDetails, id: concluded.details.id,
                                                 json: try concluded.details.documentJSON(scored: concluded.scored))
        } catch {
            // Nothing is decided yet: let the submit be repeated at once (or, if this fails too, when the lease lapses).
            try? await database.sqlRaw("""
                UPDATE quiz_attempts SET submit_claim = NULL, submit_claimed_at = NULL
                WHERE id = \(bind: attemptID) AND submit_claim = \(bind: claim)
                """)
            throw error
        }
        let completed = try await database.sql.raw("""
            UPDATE quiz_attempts SET status = \(bind: attempt.status), submitted_at = \(bind: completedAt),
                score = \(bind: attempt.score), max_score = \(bind: attempt.maxScore), passed = \(bind: attempt.passed),
                level = \(bind: attempt.level), time_spent_seconds = \(bind: attempt.timeSpentSeconds),
                category_scores = \(bind: attempt.categoryScores), submit_claim = NULL, submit_claimed_at = NULL,
                updated_at = \(bind: completedAt), updated_by = \(bind: attempt.userID)
            WHERE id = \(bind: attemptID) AND status = 'in_progress' AND submit_claim = \(bind: claim)
            RETURNING id
            """).all()
        // The lease lapsed and another submit took over; its outcome stands.
        guard !completed.isEmpty else { throw QuizError.alreadySubmitted }
        return await announce(concluded, attempt: attempt, quiz: quiz, questions: questions, answers: answers, experience: experience)
    }

    /// An attempt started and finished in one request (the public test's guests): planned and scored in
    /// memory, then its details and its row written once each, the row already finished. No claim is
    /// needed: nobody else can know the attempt before its row exists.
    package func recordAtOnce(_ planned: AttemptService.Started, answers: [String: SubmittedAnswer], experience: String?) async throws -> Finished {
        let attempt = planned.attempt
        let concluded = await conclude(attempt: attempt, details: planned.details, quiz: planned.quiz, questions: planned.questions,
                                       answers: answers, status: .completed, completedAt: environment.now, experience: experience)
        try await environment.content.upsert(ContentCollection.attemptDetails, id: concluded.details.id,
                                             json: try concluded.details.documentJSON(scored: concluded.scored))
        do {
            try await attempt.insert(on: database, at: environment.now)
        } catch {
            _ = try? await environment.content.delete(ContentCollection.attemptDetails, id: concluded.details.id)
            throw error
        }
        return await announce(concluded, attempt: attempt, quiz: planned.quiz, questions: planned.questions, answers: answers,
                              experience: experience)
    }

    private struct Concluded {
        var details: AttemptDetails
        var scored: QuizPresenter.Scored
    }

    /// Scores the answers and sets the attempt's outcome on the model and on its details, writing nothing.
    private func conclude(attempt: QuizAttempt, details: AttemptDetails, quiz: Quiz, questions: [String: Question],
                          answers: [String: SubmittedAnswer], status: QuizAttempt.Status, completedAt: Date,
                          experience: String?) async -> Concluded {
        let asked = details.questionIDs.compactMap { questions[$0] }
        let result = QuizScoring.score(quiz: quiz, questions: asked, answers: answers)
        let attemptEnd = status == .expired ? (attempt.expiresAt ?? completedAt) : completedAt
        var finished = details
        let questionDetails = QuestionDetails.build(asked: asked, answers: answers, result: result)
        if environment.quizzes.llm == nil {
            let request = await recommendationRequest(quiz: quiz, result: result, questions: questions, answers: answers, experience: experience)
            finished.recommendations = try? await BuiltInRecommendations().recommend(request)
        }
        attempt.status = status.rawValue
        attempt.submittedAt = completedAt
        attempt.score = result.score
        attempt.maxScore = 100
        attempt.passed = result.passed
        attempt.level = result.level?.key
        attempt.timeSpentSeconds = max(0, Int(attemptEnd.timeIntervalSince(attempt.startedAt).rounded()))
        attempt.categoryScores = try? JSONValue.object(Dictionary(uniqueKeysWithValues: result.categoryScores.map {
            ($0.key, JSONValue.int(Int64($0.score)))
        })).jsonText()
        attempt.updatedAt = completedAt
        return Concluded(details: finished, scored: QuizPresenter.Scored(result: result, questionDetails: questionDetails))
    }

    /// What follows a recorded outcome: the recommendations queued, the listeners told, achievements earned.
    private func announce(_ concluded: Concluded, attempt: QuizAttempt, quiz: Quiz, questions: [String: Question],
                          answers: [String: SubmittedAnswer], experience: String?) async -> Finished {
        let result = concluded.scored.result
        if environment.quizzes.llm != nil, let attemptID = attempt.id {
            let request = await recommendationRequest(quiz: quiz, result: result, questions: questions, answers: answers, experience: experience)
            environment.quizzes.recommendations.enqueue(attemptID: attemptID, userID: attempt.userID,
                                                        clientAddress: environment.clientAddress, request: request)
        }
        if attempt.statusValue == .completed, let userID = attempt.userID {
            await tellOutcomes(userID: userID, quizID: quiz.id)
        }
        var awarded: [EarnedAward] = []
        if let userID = attempt.userID {
            awarded = await environment.platform.activity.record(.init(.quizCompleted, userID: userID, reference: quiz.id, passed: result.passed),
                                                                 on: database)
        }
        var done = Finished(attempt: attempt, details: concluded.details, quiz: quiz, questions: questions, scored: concluded.scored)
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
