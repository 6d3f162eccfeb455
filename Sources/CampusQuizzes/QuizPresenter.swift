import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import Foundation

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
        let cache = environment.platform.derived
        // The same plan (question order and option order) reads the same: build and encode it once.
        let plan = details.questionIDs.map { id in id + "=" + (details.optionOrder[id] ?? []).joined(separator: ",") }
        let questionsJSON = try await cache.memo("attempt-questions\u{0}" + quiz.id + "\u{0}" + plan.joined(separator: ";")) {
            Array(try JSONEncoder.campus.encode(Self.questionDTOs(details: details, questions: questions)))
        }
        var dto = inProgressDTO(attempt, details: details, quiz: quiz, questions: [:], attemptsUsed: attemptsUsed)
        dto.questionsJSON = questionsJSON
        if attemptsUsed == nil {
            // Without the caller's attempt count the card depends on the quiz and the plan's length only.
            let card = dto.quiz
            dto.quizJSON = try await cache.memo("attempt-card\u{0}" + quiz.id + "\u{0}" + String(details.questionIDs.count)) {
                Array(try JSONEncoder.campus.encode(card))
            }
        }
        return dto
    }

    package static func questionDTOs(details: AttemptDetails, questions: [String: Question]) -> [QuestionDTO] {
        details.questionIDs.compactMap { id in questions[id].map { QuestionDTO($0, optionOrder: details.optionOrder[id]) } }
    }

    private func inProgressDTO(_ attempt: QuizAttempt, details: AttemptDetails, quiz: Quiz, questions: [String: Question],
                               attemptsUsed: Int?) -> AttemptInProgressDTO {
        AttemptInProgressDTO(
            attemptID: attempt.id?.wireString ?? "",
            attemptNo: attempt.attemptNo,
            quizID: quiz.id,
            status: attempt.status,
            startedAt: attempt.startedAt,
            expiresAt: attempt.expiresAt,
            quiz: QuizCardDTO(quiz, questionCount: details.questionIDs.count, attemptsUsed: attemptsUsed),
            questions: Self.questionDTOs(details: details, questions: questions),
            answers: details.answers,
            questionsJSON: nil
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
