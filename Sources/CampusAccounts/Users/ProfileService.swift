import CampusCore
import CampusPlatform
import FluentKit
import Foundation

/// A signed-in user changing their own profile.
package struct ProfileService: Sendable {
    package let database: any Database

    package init(database: any Database) {
        self.database = database
    }

    /// Applies the fields given; nothing is saved unless all of them are valid.
    package func update(_ user: User, with body: UpdateProfileRequest) async throws -> User {
        var check = FieldValidator()
        if body.name != nil, let name = check.required("name", body.name, maxLength: 100) {
            user.name = name
        }
        if let raw = body.experience {
            if let band = ExperienceBand(lenient: raw) {
                user.experience = band.rawValue
            } else {
                check.fail("experience", "must be one of \(ExperienceBand.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if let raw = body.timeZone {
            if let zone = TimeZoneName.validate(raw) {
                user.timeZone = zone
            } else {
                check.fail("time_zone", "must be an IANA time zone name such as Europe/Moscow")
            }
        }
        if let visible = body.leaderboardVisible { user.leaderboardVisible = visible }
        if let language = body.language {
            if ["ru", "en"].contains(language) { user.language = language } else { check.fail("language", "must be ru or en") }
        }
        try check.throwIfInvalid()
        user.updatedBy = user.id
        try await user.save(on: database)
        return user
    }
}
