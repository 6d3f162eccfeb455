import Vapor

/// An achievement an action just earned, listed in that action's response (`"awarded": […]`) so a page
/// can celebrate at once.
package struct EarnedAward: Content, Equatable {
    package var code: String
    package var title: String
    package var icon: String?
    package var points: Int
    /// The award's own page (an Open Badges assertion).
    package var awardID: String

    package init(code: String, title: String, icon: String?, points: Int, awardID: String) {
        self.code = code
        self.title = title
        self.icon = icon
        self.points = points
        self.awardID = awardID
    }

    package enum CodingKeys: String, CodingKey {
        case code, title, icon, points
        case awardID = "award_id"
    }
}
