import CampusAccounts
import CampusCore
import CampusPlatform
import CampusQuizzes
import FluentKit
import Foundation
import SQLKit

/// The public test's guests: an attempt started and submitted in one go, found again by a token, and
/// claimed by the guest once they sign up.
package struct GuestAttempts: Sendable {
    package let environment: QuizEnvironment

    package init(_ environment: QuizEnvironment) {
        self.environment = environment
    }

    private var database: any Database { environment.database }

    /// The guest's email is not stored (the intro form promises that); the returned token is the only way
    /// back to the result. Answers are read as the replaced service read them (`LenientAnswers`): nothing
    /// is refused. `experience` is kept as the guest wrote it; `band` is what recommendations make of it.
    package func submit(quizID: String, name: String?, experience: String?, band: ExperienceBand?,
                        answers: [String: JSONValue]) async throws -> (token: String, finished: ResultRecorder.Finished) {
        let quiz = try await environment.catalog.quiz(quizID)
        let questions = try await environment.catalog.questions(of: quiz)
        guard !questions.isEmpty else { throw QuizError.quizEmpty }
        let token = TokenService.newRefreshToken()
        let guest = AttemptService.Guest(tokenHash: TokenService.hashRefreshToken(token), name: name, experience: experience)
        // Started and finished in this one request: the plan and the result are written together, once.
        var planned = AttemptService(environment).plan(quiz: quiz, questions: questions, userID: nil, attemptNo: 1, guest: guest)
        let interpreted = LenientAnswers.interpret(answers, questions: planned.details.questionIDs.compactMap { questions[$0] })
        planned.details.answers = LenientAnswers.kept(interpreted)
        let finished = try await ResultRecorder(environment).recordAtOnce(planned, answers: interpreted, experience: band?.rawValue)
        return (token, finished)
    }

    package func attempt(token: String) async throws -> QuizAttempt {
        guard token.count <= 128,
              let attempt = try await QuizAttempt.load(guestTokenHash: TokenService.hashRefreshToken(token), on: database)
        else { throw QuizError.resultNotFound }
        return attempt
    }

    /// Attaches a guest result to the signed-in user, as their next attempt at that quiz.
    package func claim(token: String, userID: UUID) async throws -> QuizAttempt {
        let attempt = try await attempt(token: token)
        if attempt.userID == userID { return attempt }
        guard attempt.userID == nil else { throw QuizError.resultNotFound }
        for _ in 0..<5 {
            let next = try await AttemptQueries(environment).attemptsUsed(userID: userID, quizID: attempt.quizContentID) + 1
            do {
                let claimed = try await database.sql.raw("""
                    UPDATE quiz_attempts SET user_id = \(bind: userID), attempt_no = \(bind: next), updated_by = \(bind: userID),
                        updated_at = \(bind: environment.now)
                    WHERE id = \(bind: attempt.requireID()) AND user_id IS NULL
                    RETURNING id
                    """).all()
                guard !claimed.isEmpty else { throw QuizError.resultNotFound }
                attempt.userID = userID
                attempt.attemptNo = next
                return attempt
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue
            }
        }
        throw QuizError.claimConflict
    }
}
