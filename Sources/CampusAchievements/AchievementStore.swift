import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import SQLKit

/// `achievements` and `user_achievements` in plain statements, the same on SQLite and PostgreSQL.
package struct AchievementStore: Sendable {
    let database: any Database

    package init(database: any Database) {
        self.database = database
    }

    static let columns = "id, code, title, description, icon, rarity, points, rule, resolved_rule, status, created_at, updated_at"

    package func all(activeOnly: Bool) async throws -> [Achievement] {
        let filter = activeOnly ? " AND status = 'active'" : ""
        return try await database.sql.raw("SELECT \(unsafeRaw: Self.columns) FROM achievements WHERE deleted_at IS NULL\(unsafeRaw: filter) ORDER BY code")
            .all().compactMap(Self.achievement)
    }

    package func find(id: UUID) async throws -> Achievement? {
        try await database.sql.raw("SELECT \(unsafeRaw: Self.columns) FROM achievements WHERE id = \(bind: id) AND deleted_at IS NULL")
            .first().flatMap(Self.achievement)
    }

    package func find(code: String) async throws -> Achievement? {
        try await database.sql.raw("SELECT \(unsafeRaw: Self.columns) FROM achievements WHERE code = \(bind: code) AND deleted_at IS NULL")
            .first().flatMap(Self.achievement)
    }

    package func insert(_ achievement: Achievement, by actor: UUID?) async throws {
        try await database.sql.raw("""
            INSERT INTO achievements (id, code, title, description, icon, rarity, points, rule, resolved_rule, status,
                                      created_at, updated_at, created_by, updated_by)
            VALUES (\(bind: achievement.id), \(bind: achievement.code), \(bind: try achievement.title.json.jsonText()),
                    \(bind: try achievement.description.json.jsonText()), \(bind: achievement.icon), \(bind: achievement.rarity.rawValue),
                    \(bind: achievement.points), \(bind: try achievement.ruleJSON.jsonText()), \(bind: try RuleCoding.encode(achievement.rule).jsonText()),
                    \(bind: achievement.status.rawValue), \(bind: achievement.createdAt), \(bind: achievement.updatedAt), \(bind: actor), \(bind: actor))
            """).run()
    }

    package func update(_ achievement: Achievement, by actor: UUID?) async throws {
        try await database.sql.raw("""
            UPDATE achievements SET title = \(bind: try achievement.title.json.jsonText()), description = \(bind: try achievement.description.json.jsonText()),
                icon = \(bind: achievement.icon), rarity = \(bind: achievement.rarity.rawValue), points = \(bind: achievement.points),
                rule = \(bind: try achievement.ruleJSON.jsonText()), resolved_rule = \(bind: try RuleCoding.encode(achievement.rule).jsonText()),
                status = \(bind: achievement.status.rawValue), updated_at = \(bind: achievement.updatedAt), updated_by = \(bind: actor)
            WHERE id = \(bind: achievement.id) AND deleted_at IS NULL
            """).run()
    }

    package func softDelete(_ id: UUID, at now: Date, by actor: UUID?) async throws {
        try await database.sql.raw("""
            UPDATE achievements SET deleted_at = \(bind: now), updated_at = \(bind: now), updated_by = \(bind: actor), status = 'retired'
            WHERE id = \(bind: id) AND deleted_at IS NULL
            """).run()
    }

    /// Awards each once, in one statement: the unique index decides between concurrent events. Returns the
    /// new award id per achievement id; one the learner already holds (or held and had revoked) is absent.
    package func award(_ awards: [(achievement: Achievement, context: JSONValue)], userID: UUID, at now: Date) async throws -> [UUID: UUID] {
        guard !awards.isEmpty else { return [:] }
        let rows: [SQLQueryString] = try awards.map { award in
            """
            (\(bind: UUID.v7()), \(bind: userID), \(bind: award.achievement.id), \(bind: now), \(bind: try award.context.jsonText()), \
            \(bind: now), \(bind: now), \(bind: userID), \(bind: userID))
            """
        }
        let inserted = try await database.sql.raw("""
            INSERT INTO user_achievements (id, user_id, achievement_id, awarded_at, context, created_at, updated_at, created_by, updated_by)
            VALUES \(rows.joined(separator: ", "))
            ON CONFLICT (user_id, achievement_id) WHERE deleted_at IS NULL DO NOTHING
            RETURNING id, achievement_id
            """).all()
        return Dictionary(try inserted.map {
            (try $0.decode(column: "achievement_id", as: UUID.self), try $0.decode(column: "id", as: UUID.self))
        }, uniquingKeysWith: { first, _ in first })
    }

    package struct Award: Sendable {
        package var id: UUID
        package var userID: UUID
        package var achievementID: UUID
        package var awardedAt: Date
        package var context: JSONValue
        package var revokedAt: Date?
        package var revokedReason: String?
    }

    static let awardColumns = "id, user_id, achievement_id, awarded_at, context, revoked_at, revoked_reason"

    package func awards(userID: UUID) async throws -> [Award] {
        try await database.sql.raw("""
            SELECT \(unsafeRaw: Self.awardColumns) FROM user_achievements WHERE user_id = \(bind: userID) AND deleted_at IS NULL
            ORDER BY awarded_at DESC, id DESC
            """).all().map(Self.award)
    }

    package func award(id: UUID) async throws -> Award? {
        try await database.sql.raw("SELECT \(unsafeRaw: Self.awardColumns) FROM user_achievements WHERE id = \(bind: id) AND deleted_at IS NULL")
            .first().map(Self.award)
    }

    package func heldAchievementIDs(userID: UUID) async throws -> Set<UUID> {
        let rows = try await database.sql.raw("SELECT achievement_id FROM user_achievements WHERE user_id = \(bind: userID) AND deleted_at IS NULL").all()
        return Set(try rows.map { try $0.decode(column: "achievement_id", as: UUID.self) })
    }

    /// Keeps the row (so the rule does not award it again) and marks it revoked, with who and why.
    package func revoke(userID: UUID, achievementID: UUID, reason: String, by actor: UUID, at now: Date) async throws -> Bool {
        let rows = try await database.sql.raw("""
            UPDATE user_achievements SET revoked_at = \(bind: now), revoked_reason = \(bind: reason), revoked_by = \(bind: actor),
                updated_at = \(bind: now), updated_by = \(bind: actor)
            WHERE user_id = \(bind: userID) AND achievement_id = \(bind: achievementID) AND deleted_at IS NULL AND revoked_at IS NULL
            RETURNING id
            """).all()
        return !rows.isEmpty
    }

    /// Holders of each achievement (not revoked) and the learners who count as active: anyone who has
    /// completed a lesson, enrolled, or taken a quiz.
    package func holders() async throws -> (byAchievement: [UUID: Int], activeLearners: Int) {
        let rows = try await database.sql.raw("""
            SELECT achievement_id, COUNT(*) AS holders FROM user_achievements
            WHERE deleted_at IS NULL AND revoked_at IS NULL GROUP BY achievement_id
            """).all()
        var counts: [UUID: Int] = [:]
        for row in rows { counts[try row.decode(column: "achievement_id", as: UUID.self)] = try row.decode(column: "holders", as: Int.self) }
        let active = try await database.sql.raw("""
            SELECT COUNT(*) AS learners FROM (
              SELECT user_id FROM enrollments WHERE deleted_at IS NULL
              UNION SELECT user_id FROM quiz_attempts WHERE user_id IS NOT NULL AND deleted_at IS NULL
              UNION SELECT user_id FROM user_achievements WHERE deleted_at IS NULL) AS learners
            """).first()?.decode(column: "learners", as: Int.self) ?? 0
        return (counts, active)
    }

    static func award(_ row: any SQLRow) throws -> Award {
        Award(id: try row.decode(column: "id", as: UUID.self), userID: try row.decode(column: "user_id", as: UUID.self),
              achievementID: try row.decode(column: "achievement_id", as: UUID.self), awardedAt: try row.decode(column: "awarded_at", as: Date.self),
              context: (try? JSONValue.parse(try row.decode(column: "context", as: String.self))) ?? .object([:]),
              revokedAt: try row.decode(column: "revoked_at", as: Date?.self), revokedReason: try row.decode(column: "revoked_reason", as: String?.self))
    }

    static func achievement(_ row: any SQLRow) -> Achievement? {
        guard let id = try? row.decode(column: "id", as: UUID.self), let code = try? row.decode(column: "code", as: String.self),
              let rule = (try? row.decode(column: "resolved_rule", as: String.self)).flatMap({ try? JSONValue.parse($0) }).flatMap(RuleCoding.decode)
        else { return nil }
        func text(_ column: String) -> LocalizedText {
            LocalizedText((try? row.decode(column: column, as: String.self)).flatMap { try? JSONValue.parse($0) }) ?? LocalizedText(en: code)
        }
        return Achievement(
            id: id, code: code, title: text("title"), description: text("description"), icon: try? row.decode(column: "icon", as: String?.self),
            rarity: Achievement.Rarity(rawValue: (try? row.decode(column: "rarity", as: String.self)) ?? "") ?? .common,
            points: (try? row.decode(column: "points", as: Int.self)) ?? 0,
            ruleJSON: (try? row.decode(column: "rule", as: String.self)).flatMap { try? JSONValue.parse($0) } ?? .null,
            rule: rule, status: Achievement.Status(rawValue: (try? row.decode(column: "status", as: String.self)) ?? "") ?? .retired,
            createdAt: (try? row.decode(column: "created_at", as: Date.self)) ?? Date(timeIntervalSince1970: 0),
            updatedAt: (try? row.decode(column: "updated_at", as: Date.self)) ?? Date(timeIntervalSince1970: 0))
    }
}
