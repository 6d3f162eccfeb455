import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import Foundation
import NIOCore

/// Turns attempts into what the wire sees, in one place, so nothing secret is shown by accident:
/// weights and best options appear only in a finished attempt's details, and only when the quiz
/// shows correct answers.
package struct QuizPresenter {
    package let environment: QuizEnvironment

    package init(_ environment: QuizEnvironment) {
        self.environment = environment
    }

    package func inProgress(_ attempt: QuizAttempt, details: AttemptDetails, quiz: Quiz, questions: [String: Question],
                    attemptsUsed: Int? = nil) async throws -> AttemptInProgressDTO {
        // An attempt's plan (question order and option order) is fixed at its start: build and encode what it
        // shows once, and keep it by the attempt's id as long as the content it comes from.
        let plan = try await environment.platform.derived.memo(Self.planKey(try attempt.requireID())) {
            let card = QuizCardDTO(quiz, questionCount: details.questionIDs.count, attemptsUsed: nil)
            return EncodedPlan(card: card, cardJSON: ByteBuffer(data: try JSONEncoder.campus.encode(card)),
                               questionsJSON: ByteBuffer(data: try JSONEncoder.campus.encode(Self.questionDTOs(details: details, questions: questions))))
        }
        var dto = inProgressDTO(id: try attempt.requireID(), attemptNo: attempt.attemptNo, quizID: attempt.quizContentID,
                                status: attempt.status, startedAt: attempt.startedAt, expiresAt: attempt.expiresAt,
                                answers: details.answers, plan: plan)
        if let attemptsUsed {
            dto.quiz = QuizCardDTO(quiz, questionCount: details.questionIDs.count, attemptsUsed: attemptsUsed)
            dto.quizJSON = nil
        }
        return dto
    }

    /// An attempt in progress read again while its encoded plan is still kept: only its answers are read
    /// (not the plan stored beside them), and neither the quiz nor its questions are looked up. Nil when the
    /// plan is not kept (first read, or the content changed).
    package func inProgressWithKnownPlan(_ attempt: AttemptRow) async throws -> AttemptInProgressDTO? {
        guard let plan = environment.platform.derived.peek(Self.planKey(attempt.id), as: EncodedPlan.self) else { return nil }
        return inProgressDTO(id: attempt.id, attemptNo: attempt.attemptNo, quizID: attempt.quizContentID, status: attempt.status,
                             startedAt: attempt.startedAt, expiresAt: attempt.expiresAt,
                             answers: try await AttemptQueries(environment).loadAnswers(attemptID: attempt.id), plan: plan)
    }

    /// What an attempt's plan shows, encoded: the quiz card (without the caller's attempt count) and the
    /// questions in the attempt's order with its option order.
    package struct EncodedPlan: Sendable {
        package var card: QuizCardDTO
        package var cardJSON: ByteBuffer
        package var questionsJSON: ByteBuffer
    }

    private static func planKey(_ attemptID: UUID) -> String {
        "attempt-plan\u{0}" + attemptID.wireString
    }

    package static func questionDTOs(details: AttemptDetails, questions: [String: Question]) -> [QuestionDTO] {
        details.questionIDs.compactMap { id in questions[id].map { QuestionDTO($0, optionOrder: details.optionOrder[id]) } }
    }

    private func inProgressDTO(id: UUID, attemptNo: Int, quizID: String, status: String, startedAt: Date, expiresAt: Date?,
                               answers: [String: JSONValue], plan: EncodedPlan) -> AttemptInProgressDTO {
        AttemptInProgressDTO(
            attemptID: id.wireString,
            attemptNo: attemptNo,
            quizID: quizID,
            status: status,
            startedAt: startedAt,
            expiresAt: expiresAt,
            quiz: plan.card,
            questions: [],
            answers: answers,
            questionsJSON: plan.questionsJSON,
            quizJSON: plan.cardJSON
        )
    }

    /// A result as the submit that computed it holds it, so that its response need not read back the JSON
    /// it has just stored.
    package struct Scored {
        package var result: QuizResult
        package var questionDetails: [QuestionDetailDTO]

        package init(result: QuizResult, questionDetails: [QuestionDetailDTO]) {
            self.result = result
            self.questionDetails = questionDetails
        }
    }

    package func result(_ finished: ResultRecorder.Finished) async throws -> AttemptResultDTO {
        try await result(finished.attempt, details: finished.details, quiz: finished.quiz, scored: finished.scored)
    }

    package func result(_ attempt: QuizAttempt, details: AttemptDetails, quiz: Quiz, scored: Scored? = nil) async throws -> AttemptResultDTO {
        let result = scored?.result ?? details.decodedResult
        var questionDetails: [QuestionDetailDTO]?
        if quiz.settings.showCorrectAnswers {
            questionDetails = scored?.questionDetails ?? details.decodedQuestionDetails
        }
        let percentile = try await AttemptQueries(environment).percentile(score: attempt.score, quizID: attempt.quizContentID, excluding: attempt)
        return AttemptResultDTO(
            attemptID: attempt.id?.wireString ?? "",
            attemptNo: attempt.attemptNo,
            quizID: attempt.quizContentID,
            status: attempt.status,
            score: attempt.score,
            maxScore: attempt.maxScore,
            level: attempt.level,
            levelInfo: result?.level.map(QuizCardDTO.LevelDTO.init),
            passed: attempt.passed,
            startedAt: attempt.startedAt,
            completedAt: attempt.submittedAt,
            timeSpentSeconds: attempt.timeSpentSeconds,
            categoryScores: Dictionary(uniqueKeysWithValues: (result?.categoryScores ?? []).map { ($0.key, CategoryScoreDTO($0)) }),
            strengths: result?.strengths ?? [],
            weaknesses: result?.weaknesses ?? [],
            recommendations: details.recommendations.map(JSONValue.string) ?? .null,
            questionDetails: questionDetails,
            percentile: percentile
        )
    }
}
