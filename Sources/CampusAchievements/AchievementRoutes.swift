import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import Vapor

/// `/api/v1/achievements` (the public catalog, badges, awards), `/api/v1/users/me/achievements`,
/// `/api/v1/leaderboards/{period}` and `/api/v1/admin/achievements`.
package struct AchievementRoutes: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        let achievements = routes.grouped("achievements")
        achievements.get(use: catalog)
        achievements.get("issuer", use: issuer)
        achievements.get("awards", ":awardID", use: award)
        achievements.get(":code", "badge", use: badge)
        routes.grouped("users", "me").grouped(RequireAuth()).get("achievements", use: mine)
        routes.grouped("leaderboards").grouped(RequireAuth()).get(":period", use: leaderboard)
        let admin = routes.grouped("admin", "achievements").grouped(RequireAuth(minimumRole: .admin))
        admin.get(use: adminList)
        admin.post(use: create)
        admin.get(":code", use: adminGet)
        admin.patch(":code", use: update)
        admin.delete(":code", use: delete)
        admin.post(":code", "revoke", use: revoke)
    }

    private func service(_ req: Request) -> AchievementService {
        AchievementService(platform: req.platform, services: req.achievements, database: req.campusDB)
    }

    /// The address badges are verified at, as the client reached this server.
    static func base(_ req: Request) -> String {
        let host = req.headers.first(name: .host)?.filter { !$0.isWhitespace && $0 != "/" } ?? "127.0.0.1"
        let scheme = req.headers.first(name: "X-Forwarded-Proto") == "https" ? "https" : "http"
        return "\(scheme)://\(host)"
    }

    @Sendable func catalog(req: Request) async throws -> [AchievementCardDTO] {
        try await service(req).catalog(language: req.contentLanguage)
    }

    @Sendable func mine(req: Request) async throws -> MyAchievementsDTO {
        try await service(req).mine(userID: try req.requireAuth().userID, language: req.contentLanguage)
    }

    @Sendable func issuer(req: Request) async throws -> Response {
        try Response.json(OpenBadges.issuer(base: Self.base(req)))
    }

    @Sendable func badge(req: Request) async throws -> Response {
        guard let achievement = try await AchievementStore(database: req.campusDB).find(code: try req.parameters.require("code")) else {
            throw AchievementError.achievementNotFound
        }
        return try Response.json(OpenBadges.badgeClass(achievement, base: Self.base(req), language: req.contentLanguage))
    }

    @Sendable func award(req: Request) async throws -> Response {
        let store = AchievementStore(database: req.campusDB)
        guard let id = UUID(uuidString: try req.parameters.require("awardID")), let award = try await store.award(id: id),
              let achievement = try await store.find(id: award.achievementID),
              let email = try await UserSnapshot.load(award.userID, on: req.campusDB)?.email
        else { throw AchievementError.awardNotFound }
        return try Response.json(OpenBadges.assertion(award, achievement: achievement, email: email, base: Self.base(req)))
    }

    @Sendable func leaderboard(req: Request) async throws -> LeaderboardDTO {
        guard let period = Leaderboard.Period(rawValue: try req.parameters.require("period")) else {
            throw Problem.notFound("The leaderboard")
        }
        var check = FieldValidator()
        var limit = 10
        if let raw = req.query[String.self, at: "limit"] {
            if let value = Int(raw), (1...100).contains(value) { limit = value } else { check.fail("limit", "must be a whole number from 1 to 100") }
        }
        var courseID: UUID?
        if let raw = req.query[String.self, at: "course"], !raw.isEmpty {
            if let course = try await CourseDirectory(database: req.campusDB).find(raw) { courseID = course.id } else { check.fail("course", "no course \"\(raw)\"") }
        }
        var categoryID: UUID?
        if let raw = req.query[String.self, at: "category"], !raw.isEmpty {
            let query = Category.query(on: req.campusDB)
            if let id = UUID(uuidString: raw) { query.filter(\.$id == id) } else { query.filter(\.$slug == raw.lowercased()) }
            if let category = try await query.first() { categoryID = category.id } else { check.fail("category", "no category \"\(raw)\"") }
        }
        try check.throwIfInvalid()
        let caller = try req.requireAuth()
        let board = Leaderboard(database: req.campusDB, standings: req.achievements.standings)
        let now = req.platform.clock.now()
        let top = try await board.top(limit, period: period, courseID: courseID, categoryID: categoryID, now: now)
        let own = try await board.standing(of: caller.userID, period: period, courseID: courseID, categoryID: categoryID, now: now)
        let anonymous = req.contentLanguage == .ru ? "Участник" : "A learner"
        return LeaderboardDTO(period: period.rawValue, since: period == .week ? Leaderboard.weekStart(now) : nil,
                              entries: top.map { .init(rank: $0.rank, name: $0.userID == caller.userID ? ($0.name ?? (req.contentLanguage == .ru ? "Вы" : "You")) : ($0.name ?? anonymous),
                                                       points: $0.points, isYou: $0.userID == caller.userID, hidden: $0.name == nil) },
                              you: .init(rank: own.rank, points: own.points))
    }

    @Sendable func adminList(req: Request) async throws -> [AdminAchievementDTO] {
        try await service(req).list()
    }

    @Sendable func adminGet(req: Request) async throws -> AdminAchievementDTO {
        try await service(req).get(code: try req.parameters.require("code"))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let dto = try await service(req).create(try Self.object(req), actor: try req.requireAuth().userID)
        let response = Response(status: .created)
        try response.content.encode(dto)
        return response
    }

    @Sendable func update(req: Request) async throws -> AdminAchievementDTO {
        try await service(req).update(code: try req.parameters.require("code"), try Self.object(req), actor: try req.requireAuth().userID)
    }

    @Sendable func delete(req: Request) async throws -> HTTPStatus {
        try await service(req).delete(code: try req.parameters.require("code"), actor: try req.requireAuth().userID)
        return .noContent
    }

    @Sendable func revoke(req: Request) async throws -> HTTPStatus {
        let body = try req.content.decode(RevokeRequest.self)
        var check = FieldValidator()
        let userID = body.userID.flatMap(UUID.init(uuidString:))
        if userID == nil { check.fail("user_id", "is required: the learner's id") }
        let reason = body.reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if reason.isEmpty || reason.count > 500 { check.fail("reason", "is required: why, in at most 500 characters") }
        try check.throwIfInvalid()
        try await service(req).revoke(code: try req.parameters.require("code"), userID: userID!, reason: reason, actor: try req.requireAuth().userID)
        return .noContent
    }

    static func object(_ req: Request) throws -> JSONObject {
        guard let data = req.body.data, let value = try? JSONValue.parse(Data(buffer: data)), let object = value.objectValue else {
            throw Problem.validation(field: "body", "must be a JSON object: the achievement")
        }
        return object
    }
}

package struct LeaderboardDTO: Content {
    package var period: String
    package var since: Date?
    package var entries: [EntryDTO]
    package var you: YouDTO

    package struct EntryDTO: Content {
        package var rank: Int
        package var name: String
        package var points: Int
        package var isYou: Bool
        /// The learner has not chosen to be named.
        package var hidden: Bool

        package enum CodingKeys: String, CodingKey {
            case rank, name, points, hidden
            case isYou = "is_you"
        }
    }

    package struct YouDTO: Content {
        /// nil: no points in this board yet.
        package var rank: Int?
        package var points: Int
    }
}
