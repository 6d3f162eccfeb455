import CampusPlatform

/// What the admin rules refuse, and the one answer each becomes.
package enum AdminError: DomainError, Equatable {
    case userNotFound
    case ownRole

    package var problem: Problem {
        switch self {
        case .userNotFound: Problem.notFound("The user")
        case .ownRole: Problem.conflict("own-role", "Admins cannot take away their own admin role; ask another admin.")
        }
    }
}
