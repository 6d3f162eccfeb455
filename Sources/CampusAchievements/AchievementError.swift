import CampusPlatform

/// What the achievements rules refuse, and the one answer each becomes.
package enum AchievementError: DomainError, Equatable {
    case achievementNotFound
    case awardNotFound
    case codeTaken(String)
    case notHeld

    package var problem: Problem {
        switch self {
        case .achievementNotFound: Problem.notFound("The achievement")
        case .awardNotFound: Problem.notFound("The award")
        case .codeTaken(let code): Problem.conflict("achievement-code-taken", "An achievement with the code \(code) exists already.")
        case .notHeld: Problem.conflict("achievement-not-held", "The learner does not hold this achievement (or it is revoked already).")
        }
    }
}
