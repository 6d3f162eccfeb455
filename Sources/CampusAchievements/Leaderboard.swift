import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import SQLKit

/// Points summed from the ledger, all time or this ISO week (UTC), optionally within one course or
/// category. Ranks are competition ranks (equal points share a rank; the next rank skips). Learners who
/// have not chosen to be named count for everyone's rank but are shown as "a learner".
package struct Leaderboard: Sendable {
    let database: any Database
    let standings: BoardStandings?

    /// Boards with fewer learners than this are counted exactly on every read: the count is cheap there, and
    /// a rank right after one's own points moved is exact.
    let exactBelow: Int

    package init(database: any Database, standings: BoardStandings? = nil, exactBelow: Int = 5_000) {
        self.database = database
        self.standings = standings
        self.exactBelow = exactBelow
    }

    package enum Period: String, Sendable, CaseIterable {
        case allTime = "all-time"
        case week
    }

    package struct Entry: Sendable {
        package var rank: Int
        package var userID: UUID
        package var name: String?
        package var points: Int
    }

    /// Monday 00:00 UTC of the ISO week that holds `now`.
    package static func weekStart(_ now: Date) -> Date {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.dateInterval(of: .weekOfYear, for: now)?.start ?? now
    }

    static func board(period: Period, courseID: UUID?, categoryID: UUID?, now: Date) -> String {
        var board = period == .week ? PointsLedger.week(now) : "all"
        if let courseID { board += "|course:" + courseID.wireString }
        if let categoryID { board += "|category:" + categoryID.wireString }
        return board
    }

    package func top(_ limit: Int, period: Period, courseID: UUID?, categoryID: UUID?, now: Date) async throws -> [Entry] {
        let board = Self.board(period: period, courseID: courseID, categoryID: categoryID, now: now)
        let rows = try await database.sql.raw("""
            SELECT t.user_id, t.points AS total, u.name, u.leaderboard_visible FROM points_totals t JOIN users u ON u.id = t.user_id
            WHERE t.board = \(bind: board) AND t.points > 0
            ORDER BY t.points DESC, t.user_id LIMIT \(unsafeRaw: String(limit))
            """).all()
        var entries: [Entry] = []
        for row in rows {
            let points = try row.decode(column: "total", as: Int.self)
            let visible = try row.decode(column: "leaderboard_visible", as: Bool?.self) ?? false
            let rank = entries.last.map { $0.points == points ? $0.rank : entries.count + 1 } ?? 1
            entries.append(Entry(rank: rank, userID: try row.decode(column: "user_id", as: UUID.self),
                                 name: visible ? try row.decode(column: "name", as: String.self) : nil, points: points))
        }
        return entries
    }

    /// The caller's points and rank in the same board, even far below the top.
    package func standing(of userID: UUID, period: Period, courseID: UUID?, categoryID: UUID?, now: Date) async throws -> (rank: Int?, points: Int) {
        let board = Self.board(period: period, courseID: courseID, categoryID: categoryID, now: now)
        let own = try await database.sql.raw("SELECT points FROM points_totals WHERE board = \(bind: board) AND user_id = \(bind: userID)")
            .first()?.decode(column: "points", as: Int.self) ?? 0
        guard own > 0 else { return (nil, 0) }
        if let standings {
            let histogram = try await standings.histogram(of: board, now: now) { [database] in
                let rows = try await database.sql.raw("""
                    SELECT points, COUNT(*) AS learners FROM points_totals WHERE board = \(bind: board) AND points > 0 GROUP BY points
                    """).all()
                return PointsHistogram(try rows.map { (try $0.decode(column: "points", as: Int64.self), try $0.decode(column: "learners", as: Int.self)) })
            }
            if histogram.learners >= exactBelow { return (histogram.learners(above: Int64(own)) + 1, own) }
        }
        let ahead = try await database.sql.raw("""
            SELECT COUNT(*) AS ahead FROM points_totals WHERE board = \(bind: board) AND points > \(bind: Int64(own))
            """).first()?.decode(column: "ahead", as: Int.self) ?? 0
        return (ahead + 1, own)
    }
}
