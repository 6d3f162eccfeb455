import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Foundation

/// Starting, answering and submitting attempts. The relational row is the arbiter of an attempt's
/// state (conditional updates decide races); the content store holds what was asked and answered.
package struct AttemptService: Sendable {
    package let environment: QuizEnvironment

    package init(_ environment: QuizEnvironment) {
        self.environment = environment
    }

    private var database: any Database { environment.database }
    private var queries: AttemptQueries { AttemptQueries(environment) }
    private var recorder: ResultRecorder { ResultRecorder(environment) }

    package struct Started {
        package var attempt: QuizAttempt
        package var details: AttemptDetails
        package var quiz: Quiz
        package var questions: [String: Question]
        package var created: Bool

        package init(attempt: QuizAttempt, details: AttemptDetails, quiz: Quiz, questions: [String: Question], created: Bool) {
            self.attempt = attempt
            self.details = details
            self.quiz = quiz
            self.questions = questions
            self.created = created
        }
    }

    // MARK: - What the routes call

    /// The caller's open attempt at the quiz, or a new one (`created`) within the quiz's attempt limit.
    package func start(quizID: String, user: UserSnapshot) async throws -> (attempt: AttemptInProgressDTO, created: Bool) {
        let started = try await open(quizID: quizID, user: user)
        let used = try await queries.attemptsUsed(userID: user.id, quizID: started.quiz.id)
        let dto = try await QuizPresenter(environment).inProgress(started.attempt, details: started.details, quiz: started.quiz,
                                                                  questions: started.questions, attemptsUsed: used)
        return (dto, started.created)
    }

    /// Autosave by the attempt's taker.
    package func saveAnswers(attemptID: String, quizID: String?, answers: [String: JSONValue], caller: AuthContext) async throws -> AttemptInProgressDTO {
        let attempt = try await ownAttempt(attemptID, quizID: quizID, caller: caller)
        let (saved, details) = try await saveAnswers(attempt: attempt, answers: answers)
        let quiz = try await environment.catalog.quiz(saved.quizContentID)
        return try await QuizPresenter(environment).inProgress(saved, details: details, quiz: quiz,
                                                               questions: try await environment.catalog.questions(of: quiz))
    }

    /// Submit by the attempt's taker.
    package func submit(attemptID: String, quizID: String?, answers: [String: JSONValue]?, user: UserSnapshot,
                        caller: AuthContext) async throws -> AttemptResultDTO {
        let attempt = try await ownAttempt(attemptID, quizID: quizID, caller: caller)
        let finished = try await submit(attempt: attempt, answers: answers, experience: user.experience)
        var dto = try await QuizPresenter(environment).result(finished)
        dto.awarded = finished.awarded
        return dto
    }

    /// An attempt as its taker (or an admin) reads it: in progress, or its result once finished (a late
    /// read past the deadline closes it first).
    package enum View {
        case inProgress(AttemptInProgressDTO)
        case finished(AttemptResultDTO)
    }

    package func read(attemptID: String, quizID: String?, caller: AuthContext) async throws -> View {
        let row = try await queries.attemptRow(attemptID, quizID: quizID, caller: caller)
        let presenter = QuizPresenter(environment)
        if row.statusValue == .inProgress, !recorder.isPastDeadline(row.expiresAt), let known = try await presenter.inProgressWithKnownPlan(row) {
            return .inProgress(known)
        }
        let attempt = try row.model()
        if let closed = try await recorder.closeIfPastDeadline(attempt) {
            return .finished(try await presenter.result(closed))
        }
        let quiz = try await environment.catalog.quiz(attempt.quizContentID)
        let details = try await queries.loadDetails(attempt)
        if attempt.statusValue == .inProgress {
            return .inProgress(try await presenter.inProgress(attempt, details: details, quiz: quiz,
                                                              questions: try await environment.catalog.questions(of: quiz)))
        }
        return .finished(try await presenter.result(attempt, details: details, quiz: quiz))
    }

    /// Admins may read anyone's attempt, but only its taker answers or submits it.
    private func ownAttempt(_ attemptID: String, quizID: String?, caller: AuthContext) async throws -> QuizAttempt {
        try await queries.attempt(attemptID, quizID: quizID, caller: caller, for: .answer)
    }

    // MARK: - The rules

    /// The caller's open attempt at the quiz, or a new one within the quiz's attempt limit.
    package func open(quizID rawID: String, user: UserSnapshot) async throws -> Started {
        let quiz = try await environment.catalog.quiz(rawID)
        let questions = try await environment.catalog.questions(of: quiz)
        guard !questions.isEmpty else { throw QuizError.quizEmpty }
        let userID = user.id
        for _ in 0..<5 {
            // Counted before looking for an open attempt: an attempt a concurrent start inserts in between
            // is then found as open rather than counted as used.
            let used = try await queries.attemptsUsed(userID: userID, quizID: quiz.id)
            if let open = try await queries.openAttempt(userID: userID, quizID: quiz.id) {
                if try await recorder.closeIfPastDeadline(open, quiz: quiz, questions: questions) == nil {
                    let details = try await queries.loadDetails(open)
                    return Started(attempt: open, details: details, quiz: quiz, questions: questions, created: false)
                }
                continue
            }
            if let max = quiz.settings.maxAttempts, used >= max { throw QuizError.maxAttemptsReached(max) }
            do {
                return try await create(quiz: quiz, questions: questions, userID: userID, attemptNo: used + 1)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // A concurrent start took this number or opened an attempt first: look again.
                continue
            }
        }
        throw QuizError.startConflict
    }

    /// A guest of the public test has no user; their attempt is found again by the hash of a token.
    package struct Guest: Sendable {
        package var tokenHash: String
        package var name: String?
        package var experience: String?

        package init(tokenHash: String, name: String?, experience: String?) {
            self.tokenHash = tokenHash
            self.name = name
            self.experience = experience
        }
    }

    /// Writes a new attempt: its plan (question and option order) first, then the row, so whoever finds
    /// the row finds its plan.
    package func create(quiz: Quiz, questions: [String: Question], userID: UUID?, attemptNo: Int,
                        guest: Guest? = nil) async throws -> Started {
        let started = plan(quiz: quiz, questions: questions, userID: userID, attemptNo: attemptNo, guest: guest)
        let details = started.details
        try await environment.content.upsert(ContentCollection.attemptDetails, id: details.id, json: try details.documentJSON())
        do {
            try await started.attempt.insert(on: database, at: environment.now)
        } catch {
            _ = try? await environment.content.delete(ContentCollection.attemptDetails, id: details.id)
            throw error
        }
        return started
    }

    /// A new attempt and its plan (question and option order), not yet written anywhere.
    package func plan(quiz: Quiz, questions: [String: Question], userID: UUID?, attemptNo: Int, guest: Guest? = nil) -> Started {
        let id = UUID.v7()
        let seed = Int64.random(in: .min ... .max)
        let plan = AttemptPlan.make(quiz: quiz, questions: questions, seed: UInt64(bitPattern: seed))
        let startedAt = environment.now
        let expiresAt = quiz.attemptMinutes.map { startedAt.addingTimeInterval(Double($0) * 60) }
        let attempt = QuizAttempt(id: id, userID: userID, quizContentID: quiz.id, attemptNo: attemptNo,
                                  startedAt: startedAt, expiresAt: expiresAt, seed: seed)
        if let guest {
            attempt.guestTokenHash = guest.tokenHash
            attempt.guestName = guest.name
            attempt.guestExperience = guest.experience
        }
        let details = AttemptDetails(attemptID: id, userID: userID, quizID: quiz.id,
                                     questionIDs: plan.questionIDs, optionOrder: plan.optionOrder)
        return Started(attempt: attempt, details: details, quiz: quiz, questions: questions, created: true)
    }

    /// Autosave: checks the answers given so far and keeps them with the attempt.
    package func saveAnswers(attempt: QuizAttempt, answers: [String: JSONValue]) async throws -> (QuizAttempt, AttemptDetails) {
        let quiz = try await environment.catalog.quiz(attempt.quizContentID)
        let questions = try await environment.catalog.questions(of: quiz)
        if let closed = try await recorder.closeIfPastDeadline(attempt, quiz: quiz, questions: questions) {
            throw QuizError.attemptTimeOver(closedAs: closed.attempt.status)
        }
        guard attempt.statusValue == .inProgress else { throw QuizError.attemptClosed(status: attempt.status) }
        var details = try await queries.loadDetails(attempt)
        _ = try AnswerReading.interpret(answers, details: details, questions: questions, requireAll: false)
        for (questionID, value) in answers {
            details.answers[questionID] = value.isNull ? nil : value
        }
        try await environment.content.upsert(ContentCollection.attemptDetails, id: details.id, json: try details.documentJSON())
        return (attempt, details)
    }

    /// Scores the saved answers merged with the last ones given, once.
    package func submit(attempt: QuizAttempt, answers: [String: JSONValue]?, experience: String?) async throws -> ResultRecorder.Finished {
        let quiz = try await environment.catalog.quiz(attempt.quizContentID)
        let questions = try await environment.catalog.questions(of: quiz)
        if let closed = try await recorder.closeIfPastDeadline(attempt, quiz: quiz, questions: questions) {
            return closed
        }
        if attempt.statusValue == .expired {
            // A late submit meets the result the deadline already fixed, as if it had closed it itself.
            return .init(attempt: attempt, details: try await queries.loadDetails(attempt), quiz: quiz, questions: questions)
        }
        guard attempt.statusValue == .inProgress else { throw QuizError.alreadySubmitted }
        var details = try await queries.loadDetails(attempt)
        var merged = details.answers
        for (questionID, value) in answers ?? [:] {
            merged[questionID] = value.isNull ? nil : value
        }
        let interpreted = try AnswerReading.interpret(merged, details: details, questions: questions,
                                                      requireAll: !quiz.settings.allowSkip)
        details.answers = merged
        return try await recorder.finish(attempt: attempt, details: details, quiz: quiz, questions: questions,
                                         answers: interpreted, status: .completed, experience: experience)
    }
}
