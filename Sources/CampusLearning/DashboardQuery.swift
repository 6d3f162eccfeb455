import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import CampusQuizzes
import FluentKit
import FluentPostgresDriver
import Foundation
import SQLKit

/// Everything the dashboard reads from the relational store, in one statement: each part is a JSON
/// array built by the engine (`json_group_array` on SQLite, `json_agg` on PostgreSQL) and read back with
/// Campus's own JSON parser. Times travel as seconds since 1970 on both engines.
package struct DashboardQuery {
    /// Ids stay text, lower-cased as the wire writes them: parsing and printing UUIDs through
    /// Foundation was a visible part of a dashboard read.
    package struct Enrollment {
        package var id: String
        package var courseID: String
        package var status: String
        package var enrolledAt: Date
        package var completedAt: Date?

        package init(id: String, courseID: String, status: String, enrolledAt: Date, completedAt: Date? = nil) {
            self.id = id
            self.courseID = courseID
            self.status = status
            self.enrolledAt = enrolledAt
            self.completedAt = completedAt
        }
    }

    package struct Progress {
        package var lessonID: String
        package var status: String
        package var timeSpentSeconds: Int
        package var bookmarked: Bool

        package init(lessonID: String, status: String, timeSpentSeconds: Int, bookmarked: Bool) {
            self.lessonID = lessonID
            self.status = status
            self.timeSpentSeconds = timeSpentSeconds
            self.bookmarked = bookmarked
        }
    }

    package var enrollments: [Enrollment] = []
    package var progress: [Progress] = []
    /// Already in the wire's shape: the dashboard shows them as they are.
    package var attempts: [DashboardAttemptDTO] = []
    package var streak = StreakState()

    package struct Malformed: Error {}

    package static let enrollmentLimit = 50
    package static let attemptLimit = 5

    /// The statement, with `{user}` where the user's id goes: `$1` on PostgreSQL (one bind, prepared),
    /// one bind per place on SQLite. Its first column is the user's snapshot version as the statement saw
    /// it, so what it read can be kept as that version's snapshot.
    package static func statement(postgres: Bool) -> String {
        func array(_ columns: String) -> String {
            postgres ? "COALESCE(json_agg(json_build_array(\(columns))), '[]'::json)::text" : "json_group_array(json_array(\(columns)))"
        }
        func seconds(_ column: String) -> String { postgres ? "EXTRACT(EPOCH FROM \(column))" : column }
        let streak = postgres ? "json_build_array(current_streak, longest_streak, last_active_day)::text"
                              : "json_array(current_streak, longest_streak, last_active_day)"
        // SQLite prepares the statement on every call. A unary `+` keeps a column out of index planning
        // (the lookups go by user_id either way, the plan is unchanged); without it SQLite weighed every
        // partial index on `deleted_at` and preparing took 40 % longer.
        let filter = postgres ? "" : "+"
        return """
            SELECT
              (SELECT version FROM dashboard_snapshots WHERE user_id = {user}) AS version,
              (SELECT \(array("id, course_id, status, \(seconds("enrolled_at")), \(seconds("completed_at"))"))
               FROM (SELECT id, course_id, status, enrolled_at, completed_at FROM enrollments
                     WHERE user_id = {user} AND \(filter)deleted_at IS NULL AND \(filter)status <> 'cancelled'
                     ORDER BY id DESC LIMIT \(enrollmentLimit)) e) AS enrollments,
              (SELECT \(array("lesson_content_id, status, time_spent_seconds, bookmarked"))
               FROM lesson_progress WHERE user_id = {user} AND \(filter)deleted_at IS NULL) AS progress,
              (SELECT \(array("id, quiz_content_id, status, score, passed, level, \(seconds("started_at")), \(seconds("submitted_at"))"))
               FROM (SELECT id, quiz_content_id, status, score, passed, level, started_at, submitted_at FROM quiz_attempts WHERE user_id = {user} AND \(filter)deleted_at IS NULL
                     ORDER BY started_at DESC LIMIT \(attemptLimit)) a) AS attempts,
              (SELECT \(streak) FROM user_streaks WHERE user_id = {user}) AS streak
            """
    }

    package static let partNames = ["enrollments", "progress", "attempts", "streak"]

    /// What the statement (or a snapshot) read: the four parts as JSON text, and the snapshot version
    /// they belong to (0 while the user has no snapshot row).
    package struct Parts: Sendable {
        package var version: Int64
        package var columns: [String?]

        package init(version: Int64, columns: [String?]) {
            self.version = version
            self.columns = columns
        }
    }

    package struct Prepared: PreparedForUser {
        package static let sql = DashboardQuery.statement(postgres: true).replacingOccurrences(of: "{user}", with: "$1")
        package typealias Row = Parts
        package var userID: UUID

        package init(userID: UUID) {
            self.userID = userID
        }

        package func decodeRow(_ row: PostgresRow) throws -> Row {
            let (version, enrollments, progress, attempts, streak) = try row.decode((Int64?, String?, String?, String?, String?).self)
            return Parts(version: version ?? 0, columns: [enrollments, progress, attempts, streak])
        }
    }

    private static let sqlitePieces = statement(postgres: false).components(separatedBy: "{user}")

    /// The dashboard's relational data: the user's snapshot while it is current, else the statement,
    /// whose answer then becomes the snapshot unless a write came in meanwhile.
    package static func run(userID: UUID, on database: any Database) async throws -> DashboardQuery {
        if let snapshot = try await DashboardSnapshot.current(userID: userID, on: database) {
            return try DashboardQuery(columns: snapshot)
        }
        let parts: Parts
        if let rows = try await database.runPrepared(Prepared(userID: userID)) {
            guard let row = rows.first else { return DashboardQuery() }
            parts = row
        } else {
            guard let row = try await database.sql.raw(sqliteQuery(userID)).first() else { return DashboardQuery() }
            parts = Parts(version: try row.decode(column: "version", as: Int64?.self) ?? 0,
                          columns: try partNames.map { try row.decode(column: $0, as: String?.self) })
        }
        await DashboardSnapshot.keep(parts, userID: userID, on: database)
        return try DashboardQuery(columns: parts.columns)
    }

    /// SQLite numbers its parameters (`?1`): the first place binds the id, the others read that bind.
    private static func sqliteQuery(_ userID: UUID) -> SQLQueryString {
        var query = SQLQueryString("")
        for (index, piece) in sqlitePieces.enumerated() {
            if index == 1 { query.appendInterpolation(bind: userID) }
            if index > 1 { query.appendInterpolation(unsafeRaw: "?1") }
            query.appendLiteral(piece)
        }
        return query
    }

    package init() {}

    private init(columns: [String?]) throws {
        guard columns.count == 4 else { throw Malformed() }
        func parts(_ index: Int) throws -> [[JSONValue]] {
            guard let text = columns[index] else { return [] }
            guard let rows = try JSONValue.parse(text).arrayValue else { throw Malformed() }
            return rows.map { $0.arrayValue ?? [] }
        }
        enrollments = try parts(0).map { part in
            guard part.count == 5, let id = Self.uuid(part[0]), let courseID = Self.uuid(part[1]), let enrolledAt = Self.date(part[3]) else { throw Malformed() }
            return Enrollment(id: id, courseID: courseID, status: part[2].stringValue ?? "", enrolledAt: enrolledAt, completedAt: Self.date(part[4]))
        }.sorted { $0.id > $1.id }
        progress = try parts(1).map { part in
            guard part.count == 4, let lessonID = part[0].stringValue else { throw Malformed() }
            return Progress(lessonID: lessonID, status: part[1].stringValue ?? "", timeSpentSeconds: part[2].intValue ?? 0, bookmarked: Self.bool(part[3]))
        }
        attempts = try parts(2).map { part in
            guard part.count == 8, let id = Self.uuid(part[0]), let startedAt = Self.date(part[6]) else { throw Malformed() }
            return DashboardAttemptDTO(id: id, quizID: part[1].stringValue ?? "", status: part[2].stringValue ?? "", score: part[3].intValue ?? 0,
                           passed: Self.bool(part[4]), level: part[5].stringValue, startedAt: startedAt, submittedAt: Self.date(part[7]))
        }.sorted { $0.startedAt > $1.startedAt }
        if let text = columns[3], let part = try JSONValue.parse(text).arrayValue, part.count == 3 {
            streak = StreakState(current: part[0].intValue ?? 0, longest: part[1].intValue ?? 0,
                                 lastActiveDay: part[2].stringValue.flatMap(LocalDay.init(text:)))
        }
    }

    private static func uuid(_ value: JSONValue) -> String? {
        guard let text = value.stringValue, text.utf8.count == 36 else { return nil }
        return text.lowercased()
    }
    private static func date(_ value: JSONValue) -> Date? { value.doubleValue.map(Date.init(timeIntervalSince1970:)) }
    private static func bool(_ value: JSONValue) -> Bool { value.boolValue ?? (value.intValue.map { $0 != 0 } ?? false) }
}
