import Foundation
import Vapor

struct RegisterRequest: Content {
    var email: String?
    var password: String?
    var name: String?
    var passwordConfirm: String?
    var experience: String?

    enum CodingKeys: String, CodingKey {
        case email, password, name, experience
        case passwordConfirm = "password_confirm"
    }
}

struct LoginRequest: Content {
    var email: String?
    var password: String?
}

struct RefreshRequest: Content {
    var refreshToken: String?

    enum CodingKeys: String, CodingKey {
        case refreshToken = "refresh_token"
    }
}

struct EmailRequest: Content {
    var email: String?
}

struct VerifyEmailRequest: Content {
    var email: String?
    var code: String?
}

struct ResetPasswordRequest: Content {
    var email: String?
    var code: String?
    var newPassword: String?
    var newPasswordConfirm: String?

    enum CodingKeys: String, CodingKey {
        case email, code
        case newPassword = "new_password"
        case newPasswordConfirm = "new_password_confirm"
    }
}

struct TokenPairDTO: Content {
    var accessToken: String
    var refreshToken: String
    var tokenType = "Bearer"
    var expiresIn: Int
    var user: UserDTO

    enum CodingKeys: String, CodingKey {
        case user
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
    }
}

struct MessageDTO: Content {
    var message: String
}
