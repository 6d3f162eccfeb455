import CampusCore
import CampusPlatform
import Foundation
import Vapor

/// A user as the owner (or an admin) sees them. Never carries the hash or the token version.
package struct UserDTO: Content, Equatable {
    package var id: String
    package var email: String
    package var name: String
    package var role: String
    package var emailVerified: Bool
    package var experience: String?
    package var timeZone: String
    package var createdAt: Date?
    package var leaderboardVisible: Bool
    package var language: String?

    package enum CodingKeys: String, CodingKey {
        case id, email, name, role, experience, language
        case leaderboardVisible = "leaderboard_visible"
        case timeZone = "time_zone"
        case emailVerified = "email_verified"
        case createdAt = "created_at"
    }

    package init(_ user: UserSnapshot) {
        self.id = user.id.wireString
        self.email = user.email
        self.name = user.name
        self.role = user.role.rawValue
        self.emailVerified = user.emailVerified
        self.experience = user.experience
        self.timeZone = user.timeZone
        self.createdAt = user.createdAt
        self.leaderboardVisible = user.leaderboardVisible
        self.language = user.language
    }

    package init(_ user: User) throws {
        self.init(try UserSnapshot(user))
    }
}

package struct UpdateProfileRequest: Content {
    package var name: String?
    package var experience: String?
    package var timeZone: String?
    package var leaderboardVisible: Bool?
    package var language: String?

    package enum CodingKeys: String, CodingKey {
        case name, experience, language
        case timeZone = "time_zone"
        case leaderboardVisible = "leaderboard_visible"
    }

    /// Absent leaves a field unchanged; `null` is accepted only where it means something (`experience`).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        for key in [CodingKeys.name, .timeZone, .leaderboardVisible, .language] where container.contains(key) {
            if try container.decodeNil(forKey: key) {
                throw DecodingError.valueNotFound(String.self, .init(codingPath: [key], debugDescription: "null"))
            }
        }
        name = try container.decodeIfPresent(String.self, forKey: .name)
        experience = try container.decodeIfPresent(String.self, forKey: .experience)
        timeZone = try container.decodeIfPresent(String.self, forKey: .timeZone)
        leaderboardVisible = try container.decodeIfPresent(Bool.self, forKey: .leaderboardVisible)
        language = try container.decodeIfPresent(String.self, forKey: .language)
    }
}

package struct ChangePasswordRequest: Content {
    package var currentPassword: String?
    package var newPassword: String?
    package var newPasswordConfirm: String?

    package init(currentPassword: String? = nil, newPassword: String? = nil, newPasswordConfirm: String? = nil) {
        self.currentPassword = currentPassword
        self.newPassword = newPassword
        self.newPasswordConfirm = newPasswordConfirm
    }

    package enum CodingKeys: String, CodingKey {
        case currentPassword = "current_password"
        case newPassword = "new_password"
        case newPasswordConfirm = "new_password_confirm"
    }
}
