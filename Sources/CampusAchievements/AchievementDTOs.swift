import CampusCore
import Foundation
import Vapor

/// An achievement as the public catalog and the learner's page show it.
package struct AchievementCardDTO: Content {
    package var code: String
    package var title: String
    package var description: String
    package var icon: String?
    package var rarity: String
    package var points: Int
    /// Share of active learners who hold it, 0–100 with one decimal.
    package var holdersPercent: Double

    package enum CodingKeys: String, CodingKey {
        case code, title, description, icon, rarity, points
        case holdersPercent = "holders_percent"
    }
}

/// `GET /users/me/achievements`.
package struct MyAchievementsDTO: Content {
    package var points: Int
    package var earned: [EarnedDTO]
    package var locked: [LockedDTO]

    package struct EarnedDTO: Content {
        package var code: String
        package var title: String
        package var description: String
        package var icon: String?
        package var rarity: String
        package var points: Int
        package var holdersPercent: Double
        package var awardID: String
        package var awardedAt: Date
        package var context: JSONValue
        package var revoked: Bool

        init(card: AchievementCardDTO, awardID: String, awardedAt: Date, context: JSONValue, revoked: Bool) {
            code = card.code
            title = card.title
            description = card.description
            icon = card.icon
            rarity = card.rarity
            points = card.points
            holdersPercent = card.holdersPercent
            self.awardID = awardID
            self.awardedAt = awardedAt
            self.context = context
            self.revoked = revoked
        }

        package enum CodingKeys: String, CodingKey {
            case code, title, description, icon, rarity, points, context, revoked
            case holdersPercent = "holders_percent"
            case awardID = "award_id"
            case awardedAt = "awarded_at"
        }
    }

    package struct LockedDTO: Content {
        package var code: String
        package var title: String
        package var description: String
        package var icon: String?
        package var rarity: String
        package var points: Int
        package var holdersPercent: Double
        package var progress: [ProgressDTO]

        init(card: AchievementCardDTO, progress: [ProgressDTO]) {
            code = card.code
            title = card.title
            description = card.description
            icon = card.icon
            rarity = card.rarity
            points = card.points
            holdersPercent = card.holdersPercent
            self.progress = progress
        }

        package enum CodingKeys: String, CodingKey {
            case code, title, description, icon, rarity, points, progress
            case holdersPercent = "holders_percent"
        }
    }

    package struct ProgressDTO: Content {
        package var metric: String
        package var scope: String?
        package var current: Int
        package var target: Int
    }
}

/// An achievement as admins write and read it.
package struct AdminAchievementDTO: Content {
    package var id: String
    package var code: String
    package var title: JSONValue
    package var description: JSONValue
    package var icon: String?
    package var rarity: String
    package var points: Int
    package var rule: JSONValue
    package var status: String
    package var createdAt: Date
    package var updatedAt: Date

    package enum CodingKeys: String, CodingKey {
        case id, code, title, description, icon, rarity, points, rule, status
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ achievement: Achievement) {
        id = achievement.id.wireString
        code = achievement.code
        title = achievement.title.json
        description = achievement.description.json
        icon = achievement.icon
        rarity = achievement.rarity.rawValue
        points = achievement.points
        rule = achievement.ruleJSON
        status = achievement.status.rawValue
        createdAt = achievement.createdAt
        updatedAt = achievement.updatedAt
    }
}

package struct RevokeRequest: Content {
    package var userID: String?
    package var reason: String?

    package enum CodingKeys: String, CodingKey {
        case reason
        case userID = "user_id"
    }
}
