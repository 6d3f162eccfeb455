import CampusPlatform
import FluentKit
import Foundation
import SQLKit

extension UserStreak {
    /// The user's time zone and live streak row in one plain statement (see `PlainRowOutput`): every lesson
    /// completion and quiz submit records activity, and the two Fluent queries were a visible part of a submit.
    static func load(userID: UUID, on database: any Database) async throws -> (timeZone: String, streak: UserStreak?) {
        guard let row = try await database.sql.raw("""
            SELECT CASE WHEN u.deleted_at IS NULL THEN u.time_zone END AS time_zone, s.id AS id, s.user_id AS user_id, s.current_streak AS current_streak,
                   s.longest_streak AS longest_streak, s.last_active_day AS last_active_day, s.created_at AS created_at,
                   s.updated_at AS updated_at, s.deleted_at AS deleted_at, s.created_by AS created_by, s.updated_by AS updated_by
            FROM users u LEFT JOIN user_streaks s ON s.user_id = u.id AND s.deleted_at IS NULL
            WHERE u.id = \(bind: userID) LIMIT 1
            """).first() else { return ("UTC", nil) }
        let timeZone = try row.decode(column: "time_zone", as: String?.self) ?? "UTC"
        guard try !row.decodeNil(column: "id") else { return (timeZone, nil) }
        let output = PlainRowOutput(row)
        let streak = UserStreak()
        try output.fill(streak.$id, streak.$userID, streak.$current, streak.$longest, streak.$lastActiveDay,
                        streak.$createdAt, streak.$updatedAt, streak.$deletedAt, streak.$createdBy, streak.$updatedBy)
        return (timeZone, streak)
    }
}
