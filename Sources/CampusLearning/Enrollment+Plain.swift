import CampusPlatform
import FluentKit
import FluentPostgresDriver
import Foundation
import SQLKit

extension Enrollment {
    static let columns = ["id", "user_id", "course_id", "status", "enrolled_at", "completed_at", "created_at", "updated_at",
                          "deleted_at", "created_by", "updated_by"]

    /// The user's live enrollment in the course, read with one plain statement (see `PlainRowOutput`).
    static func load(userID: UUID, courseID: UUID, on database: any Database) async throws -> Enrollment? {
        guard let row = try await database.sql.raw("""
            SELECT \(unsafeRaw: columns.joined(separator: ", ")) FROM enrollments
            WHERE user_id = \(bind: userID) AND course_id = \(bind: courseID) AND deleted_at IS NULL LIMIT 1
            """).first() else { return nil }
        return try decode(PlainRowOutput(row))
    }

    /// The enrollment and, in the same statement, the user's progress on one lesson of the course and which of
    /// `passedAmong` (practice exercise ids) they have passed: a lesson read needs all three, and on SQLite each
    /// statement is a trip to the database's thread and back. `columns` says whether the caller will change the
    /// rows (`.whole`, the models can be made) or only show them (`.shown`).
    static func load(userID: UUID, courseID: UUID, lessonID: String, passedAmong practiceIDs: [String] = [],
                     columns: LearnerRow.Columns, on database: any Database) async throws -> LearnerRow? {
        // PostgreSQL plans these statements once per connection; parsing and planning them was most of their cost.
        switch columns {
        case .whole:
            if let rows = try await database.runPrepared(LearnerStatement<WholeColumns>(
                userID: userID, courseID: courseID, lessonID: lessonID, practiceIDs: practiceIDs)) {
                guard let row = rows.first else { return nil }
                let passed = try row.makeRandomAccess()["passed_ids"].decode([String].self)
                return try LearnerRow(whole: row.sql(), passed: Set(passed))
            }
        case .shown:
            if let rows = try await database.runPrepared(LearnerStatement<ShownColumns>(
                userID: userID, courseID: courseID, lessonID: lessonID, practiceIDs: practiceIDs)) {
                guard let row = rows.first else { return nil }
                // By position, in the statement's order: no lookup of columns by name.
                let (status, progressID, progressStatus, completedAt, bookmarked, note, timeSpent, passed) = try row.decode(
                    (String, UUID?, String?, Date?, Bool?, String?, Int?, [String]).self)
                let progress = progressID == nil ? nil : LessonProgressDTO(
                    status: progressStatus ?? LessonProgress.Status.started.rawValue, completedAt: completedAt,
                    bookmarked: bookmarked ?? false, note: note, timeSpentSeconds: timeSpent ?? 0)
                return LearnerRow(status: status, passed: Set(passed), progress: progress)
            }
        }
        var query: SQLQueryString = "SELECT "
        query += SQLQueryString(stringLiteral: Self.learnerColumns(columns))
        for (index, practiceID) in practiceIDs.enumerated() {
            query += """
                , EXISTS (SELECT 1 FROM practice_attempts WHERE user_id = e.user_id AND practice_content_id = \(bind: practiceID)
                  AND passed = \(bind: true) AND deleted_at IS NULL) AS passed_\(unsafeRaw: String(index))
                """
        }
        query += """
             FROM enrollments e
            LEFT JOIN lesson_progress p ON p.user_id = e.user_id AND p.lesson_content_id = \(bind: lessonID) AND p.deleted_at IS NULL
            WHERE e.user_id = \(bind: userID) AND e.course_id = \(bind: courseID) AND e.deleted_at IS NULL LIMIT 1
            """
        guard let row = try await database.sql.raw(query).first() else { return nil }
        var passed: Set<String> = []
        for (index, practiceID) in practiceIDs.enumerated() {
            if try row.decode(column: "passed_\(index)", as: Bool.self) { passed.insert(practiceID) }
        }
        switch columns {
        case .whole: return try LearnerRow(whole: row, passed: passed)
        case .shown: return try LearnerRow(shown: row, passed: passed)
        }
    }

    static func learnerColumns(_ columns: LearnerRow.Columns) -> String {
        switch columns {
        case .whole: wholeLearnerColumns
        case .shown: shownLearnerColumns
        }
    }

    private static let wholeLearnerColumns = (columns.map { "e.\($0) AS \($0)" } + LessonProgress.columns.map { "p.\($0) AS p_\($0)" })
        .joined(separator: ", ")

    /// In the order the `.shown` branch of `load` decodes them.
    private static let shownLearnerColumns = (["e.status AS status"]
        + ["id", "status", "completed_at", "bookmarked", "note", "time_spent_seconds"].map { "p.\($0) AS p_\($0)" })
        .joined(separator: ", ")

    private static func learnerStatement(_ columns: LearnerRow.Columns) -> String {
        """
        SELECT \(learnerColumns(columns)),
            ARRAY(SELECT DISTINCT practice_content_id FROM practice_attempts WHERE user_id = $1 AND passed AND deleted_at IS NULL
                  AND practice_content_id = ANY($4)) AS passed_ids
        FROM enrollments e
        LEFT JOIN lesson_progress p ON p.user_id = e.user_id AND p.lesson_content_id = $3 AND p.deleted_at IS NULL
        WHERE e.user_id = $1 AND e.course_id = $2 AND e.deleted_at IS NULL LIMIT 1
        """
    }

    fileprivate enum WholeColumns: LearnerStatementKind {
        // The default name is `String(reflecting:)` of the type, made again on every call.
        static let name = "campus_learner_whole"
        static let sql = learnerStatement(.whole)
    }

    fileprivate enum ShownColumns: LearnerStatementKind {
        static let name = "campus_learner_shown"
        static let sql = learnerStatement(.shown)
    }

    static func decode(_ output: PlainRowOutput) throws -> Enrollment {
        let enrollment = Enrollment()
        try output.fill(enrollment.$id, enrollment.$userID, enrollment.$courseID, enrollment.$status,
                        enrollment.$enrolledAt, enrollment.$completedAt, enrollment.$createdAt, enrollment.$updatedAt,
                        enrollment.$deletedAt, enrollment.$createdBy, enrollment.$updatedBy)
        return enrollment
    }
}

/// The learner's statement on PostgreSQL: `$1` the user, `$2` the course, `$3` the lesson, `$4` the exercises asked about.
private protocol LearnerStatementKind {
    static var name: String { get }
    static var sql: String { get }
}

private struct LearnerStatement<Kind: LearnerStatementKind>: PostgresPreparedStatement {
    static var name: String { Kind.name }
    static var sql: String { Kind.sql }
    var userID: UUID
    var courseID: UUID
    var lessonID: String
    var practiceIDs: [String]

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 4)
        bindings.append(userID)
        bindings.append(courseID)
        bindings.append(lessonID)
        bindings.append(practiceIDs)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}
