import CampusCore
import FluentKit
import Foundation
import Logging
import SQLKit

/// Starting, answering, submitting and reading quiz attempts. The relational row is the arbiter of an
/// attempt's state (conditional updates decide races); the content store holds what was asked and answered.
struct QuizService: Sendable {
    let services: CampusServices
    let database: any Database
    let logger: Logger
    /// Who asked, for the per-address limit on paid recommendation calls.
    var clientAddress: String?

    /// Late answers within this much of the deadline still count (network, clock skew).
    static let deadlineGrace: TimeInterval = 30

    private var catalog: QuizCatalog { QuizCatalog(content: services.content) }
    private var content: any ContentStore { services.content }
    private var now: Date { services.clock.now() }

    struct Started {
        var attempt: QuizAttempt
        var details: AttemptDetails
        var quiz: Quiz
        var questions: [String: Question]
        var created: Bool
    }

    // MARK: - Start

    func start(quizID rawID: String, user: UserSnapshot) async throws -> Started {
        let quiz = try await catalog.quiz(rawID)
        let questions = try await catalog.questions(of: quiz)
        guard !questions.isEmpty else {
            throw Problem.conflict("quiz-empty", "This quiz has no questions yet.")
        }
        let userID = user.id
        for _ in 0..<5 {
            // Counted before looking for an open attempt: an attempt a concurrent start inserts in between
            // is then found as open rather than counted as used.
            let used = try await attemptsUsed(userID: userID, quizID: quiz.id)
            if let open = try await openAttempt(userID: userID, quizID: quiz.id) {
                if try await closeIfPastDeadline(open, quiz: quiz, questions: questions) == nil {
                    let details = try await loadDetails(open)
                    return Started(attempt: open, details: details, quiz: quiz, questions: questions, created: false)
                }
                continue
            }
            if let max = quiz.settings.maxAttempts, used >= max {
                throw Problem.conflict("max-attempts-reached", "You have used all \(max) attempts at this quiz.")
            }
            do {
                return try await create(quiz: quiz, questions: questions, userID: userID, attemptNo: used + 1)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // A concurrent start took this number or opened an attempt first: look again.
                continue
            }
        }
        throw Problem.conflict("attempt-conflict", "Another start of this quiz is in progress; try again.")
    }

    private func create(quiz: Quiz, questions: [String: Question], userID: UUID?, attemptNo: Int,
                        guest: (tokenHash: String, name: String?, experience: String?)? = nil) async throws -> Started {
        let id = UUID.v7()
        let seed = Int64.random(in: .min ... .max)
        let plan = AttemptPlan.make(quiz: quiz, questions: questions, seed: UInt64(bitPattern: seed))
        let startedAt = now
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
        // The plan is written before the row, so whoever finds the row finds its plan.
        try await content.upsert(ContentCollection.attemptDetails, id: details.id, document: details.document)
        do {
            try await attempt.create(on: database)
        } catch {
            _ = try? await content.delete(ContentCollection.attemptDetails, id: details.id)
            throw error
        }
        return Started(attempt: attempt, details: details, quiz: quiz, questions: questions, created: true)
    }

    // MARK: - Answers

    func saveAnswers(attempt: QuizAttempt, answers: [String: JSONValue]) async throws -> (QuizAttempt, AttemptDetails) {
        let quiz = try await catalog.quiz(attempt.quizContentID)
        let questions = try await catalog.questions(of: quiz)
        if let closed = try await closeIfPastDeadline(attempt, quiz: quiz, questions: questions) {
            throw Problem.conflict("attempt-closed", "The time for this attempt is over; it was closed as \(closed.attempt.status).")
        }
        guard attempt.statusValue == .inProgress else {
            throw Problem.conflict("attempt-closed", "This attempt is already \(attempt.status).")
        }
        var details = try await loadDetails(attempt)
        _ = try interpret(answers, details: details, questions: questions, requireAll: false)
        for (questionID, value) in answers {
            details.answers[questionID] = value.isNull ? nil : value
        }
        try await content.upsert(ContentCollection.attemptDetails, id: details.id, document: details.document)
        return (attempt, details)
    }

    // MARK: - Submit

    struct Finished {
        var attempt: QuizAttempt
        var details: AttemptDetails
        var quiz: Quiz
        var questions: [String: Question]
        /// What `details` stores as JSON, still typed when this request computed it.
        var scored: QuizPresenter.Scored? = nil
    }

    func submit(attempt: QuizAttempt, answers: [String: JSONValue]?, experience: String?) async throws -> Finished {
        let quiz = try await catalog.quiz(attempt.quizContentID)
        let questions = try await catalog.questions(of: quiz)
        if let closed = try await closeIfPastDeadline(attempt, quiz: quiz, questions: questions) {
            return closed
        }
        if attempt.statusValue == .expired {
            // A late submit meets the result the deadline already fixed, as if it had closed it itself.
            return Finished(attempt: attempt, details: try await loadDetails(attempt), quiz: quiz, questions: questions)
        }
        guard attempt.statusValue == .inProgress else {
            throw Problem.conflict("attempt-already-submitted", "This attempt was already submitted.")
        }
        var details = try await loadDetails(attempt)
        var merged = details.answers
        for (questionID, value) in answers ?? [:] {
            merged[questionID] = value.isNull ? nil : value
        }
        let interpreted = try interpret(merged, details: details, questions: questions, requireAll: !quiz.settings.allowSkip)
        details.answers = merged
        return try await finish(attempt: attempt, details: details, quiz: quiz, questions: questions,
                                answers: interpreted, status: .completed, experience: experience)
    }

    /// Closes an in-progress attempt whose deadline (plus grace) has passed, scoring its saved
    /// answers. Returns nil when the attempt is still open.
    func closeIfPastDeadline(_ attempt: QuizAttempt, quiz: Quiz? = nil, questions: [String: Question]? = nil) async throws -> Finished? {
        guard attempt.statusValue == .inProgress, let expiresAt = attempt.expiresAt,
              now > expiresAt.addingTimeInterval(Self.deadlineGrace) else { return nil }
        let quiz = if let quiz { quiz } else { try await catalog.quiz(attempt.quizContentID) }
        let questions = if let questions { questions } else { try await catalog.questions(of: quiz) }
        let details = try await loadDetails(attempt)
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
        } catch let problem as Problem where problem.slug == "attempt-already-submitted" {
            // Someone else closed it meanwhile; read their outcome.
            guard let fresh = try await QuizAttempt.find(attempt.id, on: database) else { throw problem }
            return Finished(attempt: fresh, details: try await loadDetails(fresh), quiz: quiz, questions: questions)
        }
    }

    private func finish(attempt: QuizAttempt, details: AttemptDetails, quiz: Quiz, questions: [String: Question],
                        answers: [String: SubmittedAnswer], status: QuizAttempt.Status, experience: String?) async throws -> Finished {
        let asked = details.questionIDs.compactMap { questions[$0] }
        let result = QuizScoring.score(quiz: quiz, questions: asked, answers: answers)
        let completedAt = now
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
            if current?.statusValue == .inProgress { throw Self.submitInFlight }
            throw Problem.conflict("attempt-already-submitted", "This attempt was already submitted.")
        }

        var finished = details
        let questionDetails = Self.questionDetails(asked: asked, answers: answers, result: result)
        finished.result = result.jsonValue
        finished.questionDetails = .array(questionDetails.map(\.json))
        let useBuiltIn = services.llm == nil
        if useBuiltIn {
            let request = await recommendationRequest(quiz: quiz, result: result, questions: questions, answers: answers, experience: experience)
            finished.recommendations = try? await BuiltInRecommendations().recommend(request)
        }
        do {
            try await content.upsert(ContentCollection.attemptDetails, id: finished.id, document: finished.document)
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
        guard !completed.isEmpty else {
            // The lease lapsed and another submit took over; its outcome stands.
            throw Problem.conflict("attempt-already-submitted", "This attempt was already submitted.")
        }
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
            services.recommendations.enqueue(attemptID: attemptID, userID: attempt.userID, clientAddress: clientAddress, request: request)
        }
        if status == .completed, let userID = attempt.userID {
            // The submission itself is done; streak and course completion follow it and must not undo it.
            do {
                try await LearningService(services: services, database: database).quizSubmitted(userID: userID, quizID: quiz.id)
            } catch {
                logger.warning("learning progress after a quiz submission failed", metadata: ["error": .string(String(describing: type(of: error)))])
            }
        }
        return Finished(attempt: attempt, details: finished, quiz: quiz, questions: questions,
                        scored: QuizPresenter.Scored(result: result, questionDetails: questionDetails))
    }

    /// How long a submit may hold its claim on an attempt before another may take over.
    static let submitLease: TimeInterval = 30

    static let submitInFlight = Problem(.conflict, "attempt-submit-in-progress", title: "Submit in progress",
                                        detail: "Another submit of this attempt is being recorded; read the attempt in a moment.",
                                        headers: ["Retry-After": "1"])

    func recommendationRequest(quiz: Quiz, result: QuizResult, questions: [String: Question],
                               answers: [String: SubmittedAnswer], experience: String?) async -> RecommendationRequest {
        // Suggestions are a nicety: a catalog that cannot be read must not fail the submission.
        let courses = (try? await services.courseSuggestions(result.weaknesses, database: database)) ?? []
        return RecommendationRequest(quiz: quiz, result: result, questions: questions, answers: answers,
                                     experience: experience, courses: courses)
    }

    // MARK: - Reading

    /// The attempt if the caller may see it (owner or admin); anyone else gets 404, not 403.
    func attempt(_ rawID: String, quizID: String?, caller: AuthContext) async throws -> QuizAttempt {
        guard let id = UUID(uuidString: rawID), let attempt = try await QuizAttempt.load(id, on: database),
              attempt.userID == caller.userID || caller.role == .admin,
              quizID.map({ QuizCatalog.contentID($0) == attempt.quizContentID }) ?? true
        else { throw Problem.notFound("Attempt \(rawID)") }
        return attempt
    }

    func loadDetails(_ attempt: QuizAttempt) async throws -> AttemptDetails {
        let id = try attempt.requireID()
        guard let document = try await content.get(ContentCollection.attemptDetails, id: QuizAttempt.detailsID(for: id)),
              let details = AttemptDetails(document) else {
            throw Problem(.internalServerError, "attempt-details-missing", title: "Attempt details missing",
                          detail: "The details of this attempt are not in the content store.")
        }
        return details
    }

    func openAttempt(userID: UUID, quizID: String) async throws -> QuizAttempt? {
        try await QuizAttempt.query(on: database)
            .filter(\.$userID == userID).filter(\.$quizContentID == quizID)
            .filter(\.$status == QuizAttempt.Status.inProgress.rawValue).first()
    }

    func attemptsUsed(userID: UUID, quizID: String) async throws -> Int {
        try await QuizAttempt.query(on: database)
            .filter(\.$userID == userID).filter(\.$quizContentID == quizID)
            .max(\.$attemptNo) ?? 0
    }

    func bestScore(userID: UUID, quizID: String) async throws -> Int? {
        try await QuizAttempt.query(on: database)
            .filter(\.$userID == userID).filter(\.$quizContentID == quizID)
            .filter(\.$status != QuizAttempt.Status.inProgress.rawValue)
            .max(\.$score)
    }

    /// The share (0–100) of other takers whose best finished score on this quiz is below `score`.
    func percentile(score: Int, quizID: String, excluding attempt: QuizAttempt) async throws -> Int? {
        let row = try await database.sql.raw("""
            SELECT COUNT(*) AS takers, COALESCE(SUM(CASE WHEN best < \(bind: score) THEN 1 ELSE 0 END), 0) AS below
            FROM (
                SELECT MAX(score) AS best FROM quiz_attempts
                WHERE quiz_content_id = \(bind: quizID) AND status IN ('completed', 'expired') AND deleted_at IS NULL
                  AND id <> \(bind: attempt.requireID())
                  AND (user_id IS NULL OR \(bind: attempt.userID) IS NULL OR user_id <> \(bind: attempt.userID))
                GROUP BY COALESCE(CAST(user_id AS TEXT), CAST(id AS TEXT))
            ) AS bests
            """).first()
        guard let row else { return nil }
        let takers = try row.decode(column: "takers", as: Int.self)
        let below = try row.decode(column: "below", as: Int.self)
        guard takers > 0 else { return nil }
        return Int((Double(below) * 100 / Double(takers)).rounded())
    }

    // MARK: - Pieces

    /// Checks a set of answers against the attempt's questions; unknown questions or options are 422s
    /// naming the field, and so are missing answers when the quiz does not allow skipping.
    func interpret(_ answers: [String: JSONValue], details: AttemptDetails, questions: [String: Question],
                   requireAll: Bool) throws -> [String: SubmittedAnswer] {
        var check = FieldValidator()
        var interpreted: [String: SubmittedAnswer] = [:]
        let asked = Set(details.questionIDs)
        for (questionID, value) in answers.sorted(by: { $0.key < $1.key }) {
            guard asked.contains(questionID), let question = questions[questionID] else {
                check.fail("answers.\(questionID)", "is not a question of this attempt")
                continue
            }
            if value.isNull { continue }
            do {
                interpreted[questionID] = try AnswerCheck.interpret(value, for: question, path: "answers.\(questionID)")
            } catch {
                check.fail(error.path, error.message)
            }
        }
        if requireAll {
            for questionID in details.questionIDs where questions[questionID] != nil && interpreted[questionID] == nil {
                check.fail("answers.\(questionID)", "is required: this quiz does not allow skipping questions")
            }
        }
        try check.throwIfInvalid()
        return interpreted
    }

    static func questionDetails(asked: [Question], answers: [String: SubmittedAnswer], result: QuizResult) -> [QuestionDetailDTO] {
        let scores = Dictionary(result.questionScores.map { ($0.questionID, $0) }, uniquingKeysWith: { first, _ in first })
        return asked.map { question in
            let answer = answers[question.id]
            let score = scores[question.id]
            let text: (String) -> String? = { value in question.options.first { $0.value == value }?.text }
            let best = question.bestOptions
            var chosen: JSONValue?
            var chosenText: String?
            switch answer {
            case .single(let value):
                chosen = .string(value)
                chosenText = text(value)
            case .multiple(let values):
                chosen = .array(values.map(JSONValue.string))
                chosenText = values.compactMap(text).joined(separator: "; ")
            case .text(let value):
                chosen = .string(value)
                chosenText = value
            case nil:
                break
            }
            let bestValue: JSONValue? = switch question.mode {
            case .single: best.first.map { .string($0.value) }
            case .multiple: .array(best.map { .string($0.value) })
            case .text: question.accepted.max(by: { $0.weight < $1.weight }).map { .string($0.answer) }
            }
            let bestText: String? = switch question.mode {
            case .single: best.first?.text
            case .multiple: best.map(\.text).joined(separator: "; ")
            case .text: question.accepted.max(by: { $0.weight < $1.weight })?.answer
            }
            let points = score?.points ?? 0
            let maxPoints = score?.maxPoints ?? question.maxPoints
            return QuestionDetailDTO(questionID: question.id, category: question.category, question: question.text,
                                     mode: question.mode.rawValue, chosen: chosen, chosenText: chosenText,
                                     bestValue: bestValue, bestText: bestText, points: points, maxPoints: maxPoints,
                                     correct: maxPoints > 0 && points >= maxPoints, explanation: question.explanation)
        }
    }
}

extension QuestionDetailDTO {
    /// The stored form, equal to what the `Codable` form reads back (tested).
    var json: JSONValue {
        var members: JSONObject = [
            CodingKeys.questionID.rawValue: .string(questionID), CodingKeys.category.rawValue: .string(category),
            CodingKeys.question.rawValue: .string(question), CodingKeys.mode.rawValue: .string(mode),
            CodingKeys.points.rawValue: .double(points), CodingKeys.maxPoints.rawValue: .double(maxPoints),
            CodingKeys.correct.rawValue: .bool(correct),
        ]
        members[CodingKeys.chosen.rawValue] = chosen
        members[CodingKeys.chosenText.rawValue] = chosenText.map(JSONValue.string)
        members[CodingKeys.bestValue.rawValue] = bestValue
        members[CodingKeys.bestText.rawValue] = bestText.map(JSONValue.string)
        members[CodingKeys.explanation.rawValue] = explanation.map(JSONValue.string)
        return .object(members)
    }
}

// MARK: - Guests of the public test

extension QuizService {
    /// Starts and submits a guest attempt in one go, as the public test does. The guest's email is
    /// not stored (the intro form promises that); the returned token is the only way back to the result.
    /// Answers are read as the replaced service read them (`LenientAnswers`): nothing is refused.
    /// `experience` is kept as the guest wrote it; `band` is what recommendations make of it.
    func submitGuest(quizID: String, name: String?, experience: String?, band: ExperienceBand?,
                     answers: [String: JSONValue]) async throws -> (token: String, finished: Finished) {
        let quiz = try await QuizCatalog(content: services.content).quiz(quizID)
        let questions = try await QuizCatalog(content: services.content).questions(of: quiz)
        guard !questions.isEmpty else { throw Problem.conflict("quiz-empty", "This quiz has no questions yet.") }
        let token = TokenService.newRefreshToken()
        let started = try await create(quiz: quiz, questions: questions, userID: nil, attemptNo: 1,
                                       guest: (TokenService.hashRefreshToken(token), name, experience))
        do {
            let interpreted = LenientAnswers.interpret(answers, questions: started.details.questionIDs.compactMap { questions[$0] })
            var details = started.details
            details.answers = LenientAnswers.kept(interpreted)
            let finished = try await finish(attempt: started.attempt, details: details, quiz: quiz, questions: questions,
                                            answers: interpreted, status: .completed, experience: band?.rawValue)
            return (token, finished)
        } catch {
            // A rejected submission leaves nothing behind.
            try? await started.attempt.delete(force: true, on: database)
            _ = try? await services.content.delete(ContentCollection.attemptDetails, id: started.details.id)
            throw error
        }
    }

    func guestAttempt(token: String) async throws -> QuizAttempt {
        guard token.count <= 128, let attempt = try await QuizAttempt.query(on: database)
            .filter(\.$guestTokenHash == TokenService.hashRefreshToken(token)).first()
        else { throw Problem.notFound("Result") }
        return attempt
    }

    /// Attaches a guest result to the signed-in user, as their next attempt at that quiz.
    func claim(token: String, userID: UUID) async throws -> QuizAttempt {
        let attempt = try await guestAttempt(token: token)
        if attempt.userID == userID { return attempt }
        guard attempt.userID == nil else { throw Problem.notFound("Result") }
        for _ in 0..<5 {
            let next = try await attemptsUsed(userID: userID, quizID: attempt.quizContentID) + 1
            do {
                let claimed = try await database.sql.raw("""
                    UPDATE quiz_attempts SET user_id = \(bind: userID), attempt_no = \(bind: next), updated_by = \(bind: userID),
                        updated_at = \(bind: now)
                    WHERE id = \(bind: attempt.requireID()) AND user_id IS NULL
                    RETURNING id
                    """).all()
                guard !claimed.isEmpty else { throw Problem.notFound("Result") }
                attempt.userID = userID
                attempt.attemptNo = next
                return attempt
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue
            }
        }
        throw Problem.conflict("attempt-conflict", "Could not claim the result; try again.")
    }
}
