import CampusAccounts
import CampusCatalog
import CampusPlatform
import CampusQuizzes
import FluentKit
import FluentPostgresDriver
import Foundation
import SQLKit

/// Reads and keeps rows of `dashboard_snapshots` (see `CreateDashboardSnapshots`). A snapshot is current
/// when no write to the user's enrollments, progress, attempts or streak has bumped its version since it
/// was read. Reading one is a primary-key lookup; the dashboard statement behind it aggregates four
/// tables, and on PostgreSQL its execution was a quarter of the machine's CPU under load.
package enum DashboardSnapshot {
    /// The read, up to the user's id: `$1` on PostgreSQL, a bind on SQLite.
    package static let readSQL = "SELECT version, computed_version, enrollments, progress, attempts, streak FROM dashboard_snapshots WHERE user_id = "

    package struct Read: PreparedForUser {
        package static let sql = DashboardSnapshot.readSQL + "$1"
        package typealias Row = [String?]?
        package var userID: UUID

        package init(userID: UUID) {
            self.userID = userID
        }

        package func decodeRow(_ row: PostgresRow) throws -> Row {
            let (version, computed, enrollments, progress, attempts, streak) =
                try row.decode((Int64, Int64?, String?, String?, String?, String?).self)
            return computed == version ? [enrollments, progress, attempts, streak] : nil
        }
    }

    /// The four parts of the user's current snapshot, or nil when there is none or it is out of date.
    package static func current(userID: UUID, on database: any Database) async throws -> [String?]? {
        if let rows = try await database.runPrepared(Read(userID: userID)) {
            return rows.first ?? nil
        }
        guard let row = try await database.sql.raw("\(unsafeRaw: readSQL)\(bind: userID)").first(),
            try row.decode(column: "computed_version", as: Int64?.self) == row.decode(column: "version", as: Int64.self)
        else { return nil }
        return try DashboardQuery.partNames.map { try row.decode(column: $0, as: String?.self) }
    }

    /// Keeps what the statement read as the snapshot of the version it saw. A write that landed since has
    /// bumped the version, and then nothing is kept: the conditional update finds no matching row (or the
    /// insert meets the row the write's trigger made). Failing to keep one only costs the next read.
    package static func keep(_ parts: DashboardQuery.Parts, userID: UUID, on database: any Database) async {
        guard parts.columns.count == 4 else { return }
        do {
            try await database.sql.raw("""
                INSERT INTO dashboard_snapshots (user_id, version, computed_version, enrollments, progress, attempts, streak)
                VALUES (\(bind: userID), \(bind: parts.version), \(bind: parts.version), \(bind: parts.columns[0]),
                        \(bind: parts.columns[1]), \(bind: parts.columns[2]), \(bind: parts.columns[3]))
                ON CONFLICT (user_id) DO UPDATE SET computed_version = excluded.computed_version,
                  enrollments = excluded.enrollments, progress = excluded.progress, attempts = excluded.attempts,
                  streak = excluded.streak
                WHERE dashboard_snapshots.version = excluded.version
                """).run()
        } catch {
            database.logger.debug("dashboard snapshot not kept", metadata: ["error_type": "\(type(of: error))"])
        }
    }
}
