import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import SQLKit

/// Courses to suggest after an assessment: published courses of the weak categories (a course's
/// category matches by slug), newest first.
package struct CourseSuggestions: Sendable {
    package let database: any Database

    package init(database: any Database) {
        self.database = database
    }

    /// One plain statement: the two Fluent queries it replaced were a twentieth of a submit (issue 18).
    package func find(_ categories: [String]) async throws -> [CourseSuggestion] {
        guard !categories.isEmpty else { return [] }
        let rows = try await database.sql.raw("""
            SELECT c.title AS title, c.slug AS slug, k.slug AS category
            FROM courses c JOIN categories k ON k.id = c.category_id
            WHERE k.slug IN (\(binds: categories)) AND k.deleted_at IS NULL AND c.deleted_at IS NULL
              AND c.status = \(bind: CourseStatus.published.rawValue)
            ORDER BY c.id DESC LIMIT 20
            """).all()
        return try rows.map { row in
            CourseSuggestion(title: try row.decode(column: "title", as: String.self),
                             url: "/api/v1/courses/\(try row.decode(column: "slug", as: String.self))",
                             category: try row.decode(column: "category", as: String.self))
        }
    }
}
