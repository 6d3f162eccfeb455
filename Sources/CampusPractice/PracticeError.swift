import CampusPlatform

/// What the practice rules refuse, and the one answer each becomes.
package enum PracticeError: DomainError, Equatable {
    case practiceNotFound
    case attemptsExhausted(maximum: Int)
    case runNotAvailable
    case sandboxBusy
    case dialectUnavailable
    case rateLimited(retryAfter: Int)
    case attemptBusy
    case enrollmentRequired

    package var problem: Problem {
        switch self {
        case .practiceNotFound: Problem.notFound("The practice exercise")
        case .attemptsExhausted(let maximum):
            Problem.conflict("attempts-exhausted", "This exercise allows \(maximum) attempt\(maximum == 1 ? "" : "s"), and all are used.")
        case .runNotAvailable:
            Problem(.unprocessableEntity, "run-not-available", title: "Nothing to run",
                    detail: "Only SQL and API exercises can be run before submitting; submit a JSON exercise to check it.")
        case .sandboxBusy:
            Problem(.serviceUnavailable, "practice-busy", title: "Checker busy",
                    detail: "Too many checks are waiting; try again in a few seconds.", headers: ["Retry-After": "5"])
        case .dialectUnavailable:
            Problem(.serviceUnavailable, "practice-dialect-unavailable", title: "Checker unavailable",
                    detail: "This exercise needs the PostgreSQL checker, which this Campus does not have configured.")
        case .rateLimited(let seconds):
            Problem.rateLimited(retryAfter: seconds, detail: "Too many practice checks; try again later.")
        case .enrollmentRequired:
            Problem(.forbidden, "enrollment-required", title: "Enrollment required", detail: "Enroll in the course to open this exercise.")
        case .attemptBusy:
            Problem.conflict("attempt-busy", "Another submission of this exercise was being recorded; try again.")
        }
    }
}
