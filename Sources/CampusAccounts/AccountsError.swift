import CampusPlatform

/// What the accounts rules refuse, and the one answer each becomes.
package enum AccountsError: DomainError, Equatable {
    case emailTaken
    case invalidCredentials
    case invalidRefreshToken
    case invalidCode
    case tooManyFailedSignIns(retryAfter: Int)
    case wrongCurrentPassword

    package var problem: Problem {
        switch self {
        case .emailTaken: Problem.conflict("email-taken", "An account with this email already exists.")
        case .invalidCredentials:
            Problem(.unauthorized, "invalid-credentials", title: "Invalid credentials", detail: "The email or password is incorrect.")
        case .invalidRefreshToken:
            Problem(.unauthorized, "invalid-refresh-token", title: "Invalid refresh token",
                    detail: "The refresh token is invalid, expired or already used; sign in again.")
        case .invalidCode:
            Problem(.unprocessableEntity, "invalid-code", title: "Invalid code",
                    detail: "The code is wrong, expired or already used. Request a new one.",
                    errors: [.init(field: "code", message: "is invalid or expired")])
        case .tooManyFailedSignIns(let wait):
            Problem.rateLimited(retryAfter: wait, detail: "Too many failed sign-ins for this email; try again later.")
        case .wrongCurrentPassword: Problem.validation(field: "current_password", "is incorrect")
        }
    }
}
