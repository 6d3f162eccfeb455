import CampusCore
import FluentKit
import Foundation
import SQLKit

/// Everything the dashboard reads from the relational store, in one statement: each part is a JSON
/// array built by the engine (`json_group_array` on SQLite, `json_agg` on PostgreSQL) and read back with
/// Campus's own JSON parser. Times travel as seconds since 1970 on both engines.
struct DashboardQuery {
    struct Enrollment {
        var id: UUID
        var courseID: UUID
        var status: String
        var enrolledAt: Date
        var completedAt: Date?
        var slug: String
        var title: String
        var contentID: String
    }

    struct Progress {
        var lessonID: String
        var status: String
        var timeSpentSeconds: Int
        var bookmarked: Bool
    }

    struct Attempt {
        var id: UUID
        var quizID: String
        var status: String
        var score: Int
        var passed: Bool
        var level: String?
        var startedAt: Date
        var submittedAt: Date?
    }

    var enrollments: [Enrollment] = []
    var progress: [Progress] = []
    var attempts: [Attempt] = []
    var streak = StreakState()

    struct Malformed: Error {}

    static func run(userID: UUID, enrollmentLimit: Int, attemptLimit: Int, on database: any Database) async throws -> DashboardQuery {
        let sql = database.sql
        let postgres = database.isPostgres
        func array(_ columns: String) -> SQLQueryString {
            postgres ? "COALESCE(json_agg(json_build_array(\(unsafeRaw: columns))), '[]'::json)::text"
                     : "json_group_array(json_array(\(unsafeRaw: columns)))"
        }
        func seconds(_ column: String) -> String { postgres ? "EXTRACT(EPOCH FROM \(column))" : column }
        let streak: SQLQueryString = postgres ? "json_build_array(current_streak, longest_streak, last_active_day)::text"
                                              : "json_array(current_streak, longest_streak, last_active_day)"
        let query: SQLQueryString = """
            SELECT
              (SELECT \(array("e.id, e.course_id, e.status, \(seconds("e.enrolled_at")), \(seconds("e.completed_at")), c.slug, c.title, c.content_id"))
               FROM (SELECT * FROM enrollments WHERE user_id = \(bind: userID) AND deleted_at IS NULL AND status <> 'cancelled'
                     ORDER BY id DESC LIMIT \(literal: enrollmentLimit)) e
               JOIN courses c ON c.id = e.course_id AND c.deleted_at IS NULL) AS enrollments,
              (SELECT \(array("lesson_content_id, status, time_spent_seconds, bookmarked"))
               FROM lesson_progress WHERE user_id = \(bind: userID) AND deleted_at IS NULL) AS progress,
              (SELECT \(array("a.id, a.quiz_content_id, a.status, a.score, a.passed, a.level, \(seconds("a.started_at")), \(seconds("a.submitted_at"))"))
               FROM (SELECT * FROM quiz_attempts WHERE user_id = \(bind: userID) AND deleted_at IS NULL
                     ORDER BY started_at DESC LIMIT \(literal: attemptLimit)) a) AS attempts,
              (SELECT \(streak) FROM user_streaks WHERE user_id = \(bind: userID)) AS streak
            """
        guard let row = try await sql.raw(query).first() else { return DashboardQuery() }
        func parts(_ column: String) throws -> [[JSONValue]] {
            guard let text = try row.decode(column: column, as: String?.self) else { return [] }
            guard let rows = try JSONValue.parse(text).arrayValue else { throw Malformed() }
            return rows.map { $0.arrayValue ?? [] }
        }
        var result = DashboardQuery()
        result.enrollments = try parts("enrollments").map { part in
            guard part.count == 8, let id = uuid(part[0]), let courseID = uuid(part[1]), let enrolledAt = date(part[3]) else { throw Malformed() }
            return Enrollment(id: id, courseID: courseID, status: part[2].stringValue ?? "", enrolledAt: enrolledAt, completedAt: date(part[4]),
                              slug: part[5].stringValue ?? "", title: part[6].stringValue ?? "", contentID: part[7].stringValue ?? "")
        }.sorted { $0.id.wireString > $1.id.wireString }
        result.progress = try parts("progress").map { part in
            guard part.count == 4, let lessonID = part[0].stringValue else { throw Malformed() }
            return Progress(lessonID: lessonID, status: part[1].stringValue ?? "", timeSpentSeconds: part[2].intValue ?? 0, bookmarked: bool(part[3]))
        }
        result.attempts = try parts("attempts").map { part in
            guard part.count == 8, let id = uuid(part[0]), let startedAt = date(part[6]) else { throw Malformed() }
            return Attempt(id: id, quizID: part[1].stringValue ?? "", status: part[2].stringValue ?? "", score: part[3].intValue ?? 0,
                           passed: bool(part[4]), level: part[5].stringValue, startedAt: startedAt, submittedAt: date(part[7]))
        }.sorted { $0.startedAt > $1.startedAt }
        if let text = try row.decode(column: "streak", as: String?.self), let part = try JSONValue.parse(text).arrayValue, part.count == 3 {
            result.streak = StreakState(current: part[0].intValue ?? 0, longest: part[1].intValue ?? 0,
                                        lastActiveDay: part[2].stringValue.flatMap(LocalDay.init(text:)))
        }
        return result
    }

    private static func uuid(_ value: JSONValue) -> UUID? { value.stringValue.flatMap(UUID.init(uuidString:)) }
    private static func date(_ value: JSONValue) -> Date? { value.doubleValue.map(Date.init(timeIntervalSince1970:)) }
    private static func bool(_ value: JSONValue) -> Bool { value.boolValue ?? (value.intValue.map { $0 != 0 } ?? false) }
}
