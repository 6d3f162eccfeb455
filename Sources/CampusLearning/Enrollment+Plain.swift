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
    /// statement is a trip to the database's thread and back.
    static func load(userID: UUID, courseID: UUID, lessonID: String, passedAmong practiceIDs: [String] = [],
                     on database: any Database) async throws -> LearnerRow? {
        // PostgreSQL plans this statement once per connection; parsing and planning it was most of its cost.
        if let rows = try await database.runPrepared(LearnerStatement(userID: userID, courseID: courseID, lessonID: lessonID,
                                                                       practiceIDs: practiceIDs)) {
            guard let row = rows.first else { return nil }
            let passed = try row.makeRandomAccess()["passed_ids"].decode([String].self)
            return try LearnerRow(row.sql(), passed: Set(passed))
        }
        var query: SQLQueryString = "SELECT "
        query += SQLQueryString(stringLiteral: Self.learnerColumns)
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
        return try LearnerRow(row, passed: passed)
    }

    static let learnerColumns = (columns.map { "e.\($0) AS \($0)" } + LessonProgress.columns.map { "p.\($0) AS p_\($0)" })
        .joined(separator: ", ")

    private struct LearnerStatement: PostgresPreparedStatement {
        static let sql = """
            SELECT \(Enrollment.learnerColumns),
                ARRAY(SELECT DISTINCT practice_content_id FROM practice_attempts WHERE user_id = $1 AND passed AND deleted_at IS NULL
                      AND practice_content_id = ANY($4)) AS passed_ids
            FROM enrollments e
            LEFT JOIN lesson_progress p ON p.user_id = e.user_id AND p.lesson_content_id = $3 AND p.deleted_at IS NULL
            WHERE e.user_id = $1 AND e.course_id = $2 AND e.deleted_at IS NULL LIMIT 1
            """
        typealias Row = PostgresRow
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

    static func decode(_ output: PlainRowOutput) throws -> Enrollment {
        let enrollment = Enrollment()
        try output.fill(enrollment.$id, enrollment.$userID, enrollment.$courseID, enrollment.$status,
                        enrollment.$enrolledAt, enrollment.$completedAt, enrollment.$createdAt, enrollment.$updatedAt,
                        enrollment.$deletedAt, enrollment.$createdBy, enrollment.$updatedBy)
        return enrollment
    }
}
