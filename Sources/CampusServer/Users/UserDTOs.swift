import CampusCore
import Foundation
import Vapor

/// A user as the owner (or an admin) sees them. Never carries the hash or the token version.
struct UserDTO: Content, Equatable {
    var id: String
    var email: String
    var name: String
    var role: String
    var emailVerified: Bool
    var experience: String?
    var timeZone: String
    var createdAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, email, name, role, experience
        case timeZone = "time_zone"
        case emailVerified = "email_verified"
        case createdAt = "created_at"
    }

    init(_ user: UserSnapshot) {
        self.id = user.id.wireString
        self.email = user.email
        self.name = user.name
        self.role = user.role.rawValue
        self.emailVerified = user.emailVerified
        self.experience = user.experience
        self.timeZone = user.timeZone
        self.createdAt = user.createdAt
    }

    init(_ user: User) throws {
        self.init(try UserSnapshot(user))
    }
}

struct UpdateProfileRequest: Content {
    var name: String?
    var experience: String?
    var timeZone: String?

    enum CodingKeys: String, CodingKey {
        case name, experience
        case timeZone = "time_zone"
    }

    /// Absent leaves a field unchanged; `null` is accepted only where it means something (`experience`).
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        for key in [CodingKeys.name, .timeZone] where container.contains(key) {
            if try container.decodeNil(forKey: key) {
                throw DecodingError.valueNotFound(String.self, .init(codingPath: [key], debugDescription: "null"))
            }
        }
        name = try container.decodeIfPresent(String.self, forKey: .name)
        experience = try container.decodeIfPresent(String.self, forKey: .experience)
        timeZone = try container.decodeIfPresent(String.self, forKey: .timeZone)
    }
}

struct ChangePasswordRequest: Content {
    var currentPassword: String?
    var newPassword: String?
    var newPasswordConfirm: String?

    enum CodingKeys: String, CodingKey {
        case currentPassword = "current_password"
        case newPassword = "new_password"
        case newPasswordConfirm = "new_password_confirm"
    }
}
