import CampusCore
import CampusPlatform
import FluentKit
import FluentPostgresDriver
import Foundation
import SQLKit

/// The dashboard's read store: one statement gathers a learner's enrollments, progress, latest attempts
/// and streak, each part a JSON array of rows (`json_group_array(json_array(…))` on SQLite,
/// `json_agg(json_build_array(…))` on PostgreSQL). Each part's columns are named once (`Part`): the
/// statement selects them in that order and the decoder reads every cell by its column's name, so the two
/// cannot drift apart. (Rows as JSON objects were measurably slower on the dashboard: docs/benchmarks.md.) What it read is kept in `dashboard_snapshots`
/// with the version it was read at; triggers bump the version with every write to the four tables
/// (`CreateDashboardSnapshots`), so a snapshot is served only while nothing it came from has changed.
/// Reading a snapshot is a primary-key lookup; the statement aggregates four tables.
///
/// Keeping a snapshot is the one write a dashboard GET makes: a cache fill, conditional on the version,
/// that may fail without harm (the next read computes again).
package struct DashboardSnapshots: Sendable {
    package let database: any Database

    package init(database: any Database) {
        self.database = database
    }

    package static let enrollmentLimit = 50
    package static let attemptLimit = 5
    static let partNames = ["enrollments", "progress", "attempts", "streak", "highlights"]

    /// The learner's rows: from the current snapshot, else from the statement (then kept as the snapshot).
    package func rows(userID: UUID) async throws -> DashboardRows {
        if let parts = try await currentSnapshot(userID: userID), let rows = try? Self.decode(parts.columns) {
            return rows
        }
        let parts = try await compute(userID: userID)
        let rows = try Self.decode(parts.columns)
        await keep(parts, userID: userID)
        return rows
    }

    // MARK: - The statement

    /// What the statement (or a snapshot) read: the four parts as JSON text, and the snapshot version
    /// they belong to (0 while the user has no snapshot row).
    struct Parts: Sendable {
        var version: Int64
        var columns: [String: String]
    }

    /// The statement, with the user's id as the engine's first numbered parameter (`$1` or `?1`). Its first
    /// column is the user's snapshot version as the statement saw it, so what it read can be kept as that
    /// version's snapshot. Times travel as seconds since 1970 on both engines.
    static func statement(postgres: Bool) -> String {
        let user = postgres ? "$1" : "?1"
        func rows(_ part: Part) -> String {
            let columns = part.columns.joined(separator: ", ")
            return postgres ? "COALESCE(json_agg(json_build_array(\(columns))), '[]'::json)::text"
                            : "json_group_array(json_array(\(columns)))"
        }
        func seconds(_ column: String) -> String { postgres ? "EXTRACT(EPOCH FROM \(column))" : column }
        // SQLite prepares the statement on every call. A unary `+` keeps a column out of index planning
        // (the lookups go by user_id either way, the plan is unchanged); without it SQLite weighed every
        // partial index on `deleted_at` and preparing took longer (docs/benchmarks.md, "Profile findings").
        let filter = postgres ? "" : "+"
        return """
            SELECT
              (SELECT version FROM dashboard_snapshots WHERE user_id = \(user)) AS version,
              (SELECT \(rows(.enrollments))
               FROM (SELECT id, course_id, status, \(seconds("enrolled_at")) AS enrolled_at, \(seconds("completed_at")) AS completed_at
                     FROM enrollments WHERE user_id = \(user) AND \(filter)deleted_at IS NULL AND \(filter)status <> 'cancelled'
                     ORDER BY id DESC LIMIT \(enrollmentLimit)) e) AS enrollments,
              (SELECT \(rows(.progress))
               FROM lesson_progress WHERE user_id = \(user) AND \(filter)deleted_at IS NULL) AS progress,
              (SELECT \(rows(.attempts))
               FROM (SELECT id, quiz_content_id, status, score, passed, level, \(seconds("started_at")) AS started_at,
                            \(seconds("submitted_at")) AS submitted_at
                     FROM quiz_attempts WHERE user_id = \(user) AND \(filter)deleted_at IS NULL
                     ORDER BY started_at DESC LIMIT \(attemptLimit)) a) AS attempts,
              (SELECT \(postgres ? "json_build_array(\(Part.streak.columns.joined(separator: ", ")))::text"
                                 : "json_array(\(Part.streak.columns.joined(separator: ", ")))")
               FROM user_streaks WHERE user_id = \(user)) AS streak,
              (SELECT achievements FROM dashboard_highlights WHERE user_id = \(user)) AS highlights
            """
    }

    /// PostgresKit sends SQLKit queries unnamed, planned on every call; the dashboard's statement is
    /// prepared once per connection instead (see `runPrepared`).
    struct Statement: PreparedForUser {
        static let name = "campus_dashboard_rows"
        static let sql = DashboardSnapshots.statement(postgres: true)
        typealias Row = Parts
        var userID: UUID

        func decodeRow(_ row: PostgresRow) throws -> Parts {
            let cells = row.makeRandomAccess()
            var columns: [String: String] = [:]
            for name in DashboardSnapshots.partNames { columns[name] = try cells[name].decode(String?.self) }
            return Parts(version: try cells["version"].decode(Int64?.self) ?? 0, columns: columns)
        }
    }

    static let sqliteStatement = statement(postgres: false)

    func compute(userID: UUID) async throws -> Parts {
        if let rows = try await database.runPrepared(Statement(userID: userID)) {
            return rows.first ?? Parts(version: 0, columns: [:])
        }
        guard let row = try await database.sql.raw("\(unsafeRaw: Self.sqliteStatement)\(UserParameter(userID: userID))").first() else {
            return Parts(version: 0, columns: [:])
        }
        var columns: [String: String] = [:]
        for name in Self.partNames { columns[name] = try row.decode(column: name, as: String?.self) }
        return Parts(version: try row.decode(column: "version", as: Int64?.self) ?? 0, columns: columns)
    }

    /// Binds the user's id as parameter 1 without writing a placeholder: the statement names it `?1`.
    private struct UserParameter: SQLExpression {
        let userID: UUID

        func serialize(to serializer: inout SQLSerializer) {
            serializer.binds.append(userID)
        }
    }

    // MARK: - Snapshots

    static let snapshotColumns = "version, computed_version, enrollments, progress, attempts, streak, highlights"

    struct Snapshot: PreparedForUser {
        static let name = "campus_dashboard_snapshot"
        static let sql = "SELECT \(DashboardSnapshots.snapshotColumns) FROM dashboard_snapshots WHERE user_id = $1"
        typealias Row = Parts?
        var userID: UUID

        func decodeRow(_ row: PostgresRow) throws -> Parts? {
            let cells = row.makeRandomAccess()
            let version = try cells["version"].decode(Int64.self)
            guard try cells["computed_version"].decode(Int64?.self) == version else { return nil }
            var columns: [String: String] = [:]
            for name in DashboardSnapshots.partNames { columns[name] = try cells[name].decode(String?.self) }
            return Parts(version: version, columns: columns)
        }
    }

    /// The user's snapshot while it is current; nil when there is none or a write has bumped its version.
    func currentSnapshot(userID: UUID) async throws -> Parts? {
        if let rows = try await database.runPrepared(Snapshot(userID: userID)) {
            return rows.first ?? nil
        }
        guard let row = try await database.sql.raw("SELECT \(unsafeRaw: Self.snapshotColumns) FROM dashboard_snapshots WHERE user_id = \(bind: userID)").first()
        else { return nil }
        let version = try row.decode(column: "version", as: Int64.self)
        guard try row.decode(column: "computed_version", as: Int64?.self) == version else { return nil }
        var columns: [String: String] = [:]
        for name in Self.partNames { columns[name] = try row.decode(column: name, as: String?.self) }
        return Parts(version: version, columns: columns)
    }

    /// Keeps what the statement read as the snapshot of the version it saw. A write that landed since has
    /// bumped the version, and then nothing is kept: the conditional update finds no matching row (or the
    /// insert meets the row the write's trigger made). Failing to keep one only costs the next read.
    func keep(_ parts: Parts, userID: UUID) async {
        do {
            try await database.sql.raw("""
                INSERT INTO dashboard_snapshots (user_id, version, computed_version, enrollments, progress, attempts, streak, highlights)
                VALUES (\(bind: userID), \(bind: parts.version), \(bind: parts.version), \(bind: parts.columns["enrollments"]),
                        \(bind: parts.columns["progress"]), \(bind: parts.columns["attempts"]), \(bind: parts.columns["streak"]),
                        \(bind: parts.columns["highlights"]))
                ON CONFLICT (user_id) DO UPDATE SET computed_version = excluded.computed_version,
                  enrollments = excluded.enrollments, progress = excluded.progress, attempts = excluded.attempts,
                  streak = excluded.streak, highlights = excluded.highlights
                WHERE dashboard_snapshots.version = excluded.version
                """).run()
        } catch {
            database.logger.debug("dashboard snapshot not kept", metadata: ["error_type": "\(type(of: error))"])
        }
    }

    // MARK: - Reading the parts

    struct Malformed: Error {}

    /// One part of the statement: its column names, in the order the statement selects them.
    struct Part {
        let columns: [String]

        static let enrollments = Part(columns: ["id", "course_id", "status", "enrolled_at", "completed_at"])
        static let progress = Part(columns: ["lesson_content_id", "status", "time_spent_seconds", "bookmarked"])
        static let attempts = Part(columns: ["id", "quiz_content_id", "status", "score", "passed", "level", "started_at", "submitted_at"])
        static let streak = Part(columns: ["current_streak", "longest_streak", "last_active_day"])

        /// Reads a row's cells by column name (positions resolved once per part).
        struct Row {
            let cells: [JSONValue]
            let part: Part

            subscript(_ column: String) -> JSONValue? {
                guard let index = part.columns.firstIndex(of: column), cells.indices.contains(index) else { return nil }
                return cells[index]
            }
        }

        func rows(_ text: String?) throws -> [Row] {
            guard let text else { return [] }
            guard let items = try JSONValue.parse(text).arrayValue else { throw Malformed() }
            return try items.map { try row($0) }
        }

        func row(_ value: JSONValue) throws -> Row {
            guard let cells = value.arrayValue, cells.count == columns.count else { throw Malformed() }
            return Row(cells: cells, part: self)
        }
    }

    /// The parts, each cell read by its column's name. A snapshot that does not read (kept by another
    /// version of this statement) is malformed here, and `rows` computes it again.
    static func decode(_ columns: [String: String]) throws -> DashboardRows {
        var rows = DashboardRows()
        rows.enrollments = try Part.enrollments.rows(columns["enrollments"]).map { row in
            guard let id = uuid(row["id"]), let courseID = uuid(row["course_id"]), let enrolledAt = date(row["enrolled_at"]) else { throw Malformed() }
            return .init(id: id, courseID: courseID, status: row["status"]?.stringValue ?? "", enrolledAt: enrolledAt,
                         completedAt: date(row["completed_at"]))
        }.sorted { $0.id > $1.id }
        rows.progress = try Part.progress.rows(columns["progress"]).map { row in
            guard let lessonID = row["lesson_content_id"]?.stringValue else { throw Malformed() }
            return .init(lessonID: lessonID, status: row["status"]?.stringValue ?? "", timeSpentSeconds: row["time_spent_seconds"]?.intValue ?? 0,
                         bookmarked: bool(row["bookmarked"]))
        }
        rows.attempts = try Part.attempts.rows(columns["attempts"]).map { row in
            guard let id = uuid(row["id"]), let startedAt = date(row["started_at"]) else { throw Malformed() }
            return .init(id: id, quizID: row["quiz_content_id"]?.stringValue ?? "", status: row["status"]?.stringValue ?? "",
                         score: row["score"]?.intValue ?? 0, passed: bool(row["passed"]), level: row["level"]?.stringValue,
                         startedAt: startedAt, submittedAt: date(row["submitted_at"]))
        }.sorted { $0.startedAt > $1.startedAt }
        if let text = columns["streak"] {
            let streak = try Part.streak.row(try JSONValue.parse(text))
            rows.streak = StreakState(current: streak["current_streak"]?.intValue ?? 0, longest: streak["longest_streak"]?.intValue ?? 0,
                                      lastActiveDay: streak["last_active_day"]?.stringValue.flatMap(LocalDay.init(text:)))
        }
        rows.recentAchievements = DashboardHighlights.recentAchievements(columns["highlights"])
        return rows
    }

    private static func uuid(_ value: JSONValue?) -> String? {
        guard let text = value?.stringValue, text.utf8.count == 36 else { return nil }
        return text.lowercased()
    }

    private static func date(_ value: JSONValue?) -> Date? { value?.doubleValue.map(Date.init(timeIntervalSince1970:)) }

    private static func bool(_ value: JSONValue?) -> Bool { value?.boolValue ?? (value?.intValue.map { $0 != 0 } ?? false) }
}
