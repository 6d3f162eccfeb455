import CampusPlatform
/// The texts of the emails Campus sends. Plain text, Russian first then English, because the
/// platform's audience reads Russian and the product is used in English too.
package enum MailTemplates {
    package static func code(purpose: OneTimeCode.Purpose, name: String, code: String) -> (subject: String, body: String) {
        switch purpose {
        case .verifyEmail:
            return ("Campus: подтверждение email / verify your email", """
                Здравствуйте, \(name)!

                Ваш код подтверждения email: \(code)
                Код действует 15 минут.

                Hello, \(name)!

                Your email verification code is \(code). It is valid for 15 minutes.

                If you did not create a Campus account, ignore this message.
                """)
        case .resetPassword:
            return ("Campus: код для сброса пароля / password reset code", """
                Здравствуйте, \(name)!

                Код для сброса пароля: \(code)
                Код действует 15 минут. Если вы не запрашивали сброс, просто проигнорируйте письмо.

                Hello, \(name)!

                Your password reset code is \(code). It is valid for 15 minutes.
                If you did not ask to reset your password, ignore this message: your password stays as it is.
                """)
        }
    }
}
