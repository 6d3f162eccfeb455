import CampusPlatform
import Foundation
import Vapor

package struct RegisterRequest: Content {
    package var email: String?
    package var password: String?
    package var name: String?
    package var passwordConfirm: String?
    package var experience: String?

    package init(email: String? = nil, password: String? = nil, name: String? = nil, passwordConfirm: String? = nil, experience: String? = nil) {
        self.email = email
        self.password = password
        self.name = name
        self.passwordConfirm = passwordConfirm
        self.experience = experience
    }

    package enum CodingKeys: String, CodingKey {
        case email, password, name, experience
        case passwordConfirm = "password_confirm"
    }
}

package struct LoginRequest: Content {
    package var email: String?
    package var password: String?

    package init(email: String? = nil, password: String? = nil) {
        self.email = email
        self.password = password
    }
}

package struct RefreshRequest: Content {
    package var refreshToken: String?

    package init(refreshToken: String? = nil) {
        self.refreshToken = refreshToken
    }

    package enum CodingKeys: String, CodingKey {
        case refreshToken = "refresh_token"
    }
}

package struct EmailRequest: Content {
    package var email: String?

    package init(email: String? = nil) {
        self.email = email
    }
}

package struct VerifyEmailRequest: Content {
    package var email: String?
    package var code: String?

    package init(email: String? = nil, code: String? = nil) {
        self.email = email
        self.code = code
    }
}

package struct ResetPasswordRequest: Content {
    package var email: String?
    package var code: String?
    package var newPassword: String?
    package var newPasswordConfirm: String?

    package init(email: String? = nil, code: String? = nil, newPassword: String? = nil, newPasswordConfirm: String? = nil) {
        self.email = email
        self.code = code
        self.newPassword = newPassword
        self.newPasswordConfirm = newPasswordConfirm
    }

    package enum CodingKeys: String, CodingKey {
        case email, code
        case newPassword = "new_password"
        case newPasswordConfirm = "new_password_confirm"
    }
}

package struct TokenPairDTO: Content {
    package var accessToken: String
    package var refreshToken: String
    package var tokenType = "Bearer"
    package var expiresIn: Int
    package var user: UserDTO

    package enum CodingKeys: String, CodingKey {
        case user
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
    }
}

package struct MessageDTO: Content {
    package var message: String

    package init(message: String) {
        self.message = message
    }
}
