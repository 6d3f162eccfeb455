import CampusCore
import Crypto
import Foundation

/// Open Badges 2.0 documents for hosted verification: the BadgeClass of an achievement and the Assertion
/// of one award. The recipient is a salted SHA-256 of the learner's email, never the email itself.
enum OpenBadges {
    static let context = "https://w3id.org/openbadges/v2"

    static func issuer(base: String) -> JSONValue {
        ["@context": .string(context), "type": "Profile", "id": .string(base + "/api/v1/achievements/issuer"), "name": "Campus", "url": .string(base)]
    }

    static func badgeClass(_ achievement: Achievement, base: String, language: PracticeLanguage) -> JSONValue {
        [
            "@context": .string(context), "type": "BadgeClass",
            "id": .string(base + "/api/v1/achievements/\(achievement.code)/badge"),
            "name": .string(achievement.title.text(in: language)),
            "description": .string(achievement.description.text(in: language)),
            "image": .string(image(achievement.icon)),
            "criteria": ["narrative": .string(achievement.description.text(in: language))],
            "issuer": issuer(base: base),
            "tags": [.string(achievement.rarity.rawValue)],
        ]
    }

    static func assertion(_ award: AchievementStore.Award, achievement: Achievement, email: String, base: String) -> JSONValue {
        let salt = award.id.wireString.replacingOccurrences(of: "-", with: "")
        let hash = SHA256.hash(data: Data((email.lowercased() + salt).utf8)).map { String(format: "%02x", $0) }.joined()
        var document: JSONObject = [
            "@context": .string(context), "type": "Assertion",
            "id": .string(base + "/api/v1/achievements/awards/\(award.id.wireString)"),
            "recipient": ["type": "email", "hashed": true, "salt": .string(salt), "identity": .string("sha256$" + hash)],
            "badge": .string(base + "/api/v1/achievements/\(achievement.code)/badge"),
            "verification": ["type": "hosted"],
            "issuedOn": .string(ISO8601DateFormatter().string(from: award.awardedAt)),
        ]
        if award.revokedAt != nil {
            document["revoked"] = true
            document["revocationReason"] = .string(award.revokedReason ?? "")
        }
        return .object(document)
    }

    /// The achievement's icon (an emoji or short text) on a round SVG, as a data URI an image field accepts.
    static func image(_ icon: String?) -> String {
        let text = (icon ?? "★").replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        let svg = "<svg xmlns='http://www.w3.org/2000/svg' width='128' height='128'><circle cx='64' cy='64' r='60' fill='#f4c542'/>"
            + "<text x='64' y='84' font-size='56' text-anchor='middle'>\(text)</text></svg>"
        return "data:image/svg+xml;base64," + Data(svg.utf8).base64EncodedString()
    }
}
