import CampusPlatform

/// What the quiz rules refuse, and the one answer each becomes.
package enum QuizError: DomainError, Equatable {
    case quizNotFound(String)
    case quizEmpty
    case contentInvalid(quizID: String)
    case maxAttemptsReached(Int)
    case startConflict
    case attemptNotFound(String)
    case notAttemptOwner
    case attemptTimeOver(closedAs: String)
    case attemptClosed(status: String)
    case alreadySubmitted
    case submitInFlight
    case detailsMissing
    case resultNotFound
    case claimConflict

    package var problem: Problem {
        switch self {
        case .quizNotFound(let raw): Problem.notFound("Quiz \(raw)")
        case .quizEmpty: Problem.conflict("quiz-empty", "This quiz has no questions yet.")
        case .contentInvalid(let id):
            // Stored content is validated on write; a broken document is our fault, not the caller's.
            Problem(.internalServerError, "content-invalid", title: "Quiz content invalid",
                    detail: "The quiz \(id) is stored in a form Campus cannot read.")
        case .maxAttemptsReached(let max): Problem.conflict("max-attempts-reached", "You have used all \(max) attempts at this quiz.")
        case .startConflict: Problem.conflict("attempt-conflict", "Another start of this quiz is in progress; try again.")
        case .attemptNotFound(let raw): Problem.notFound("Attempt \(raw)")
        case .notAttemptOwner:
            Problem(.forbidden, "not-attempt-owner", title: "Forbidden", detail: "Only the taker can answer or submit an attempt.")
        case .attemptTimeOver(let status):
            Problem.conflict("attempt-closed", "The time for this attempt is over; it was closed as \(status).")
        case .attemptClosed(let status): Problem.conflict("attempt-closed", "This attempt is already \(status).")
        case .alreadySubmitted: Problem.conflict("attempt-already-submitted", "This attempt was already submitted.")
        case .submitInFlight:
            Problem(.conflict, "attempt-submit-in-progress", title: "Submit in progress",
                    detail: "Another submit of this attempt is being recorded; read the attempt in a moment.",
                    headers: ["Retry-After": "1"])
        case .detailsMissing:
            Problem(.internalServerError, "attempt-details-missing", title: "Attempt details missing",
                    detail: "The details of this attempt are not in the content store.")
        case .resultNotFound: Problem.notFound("Result")
        case .claimConflict: Problem.conflict("attempt-conflict", "Could not claim the result; try again.")
        }
    }
}
