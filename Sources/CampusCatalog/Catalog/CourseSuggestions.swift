import CampusCore
import FluentKit
import Foundation

/// Courses to suggest after an assessment: published courses of the weak categories (a course's
/// category matches by slug), newest first.
package struct CourseSuggestions: Sendable {
    package let database: any Database

    package init(database: any Database) {
        self.database = database
    }

    package func find(_ categories: [String]) async throws -> [CourseSuggestion] {
        guard !categories.isEmpty else { return [] }
        let found = try await Category.query(on: database).filter(\.$slug ~~ categories).all()
        let slugByID = Dictionary(found.compactMap { category in category.id.map { ($0, category.slug) } }, uniquingKeysWith: { first, _ in first })
        guard !slugByID.isEmpty else { return [] }
        let courses = try await Course.query(on: database).filter(\.$categoryID ~~ Array(slugByID.keys))
            .filter(\.$status == CourseStatus.published.rawValue).sort(\.$id, .descending).limit(20).all()
        return courses.compactMap { course in
            course.categoryID.flatMap { slugByID[$0] }.map {
                CourseSuggestion(title: course.title, url: "/api/v1/courses/\(course.slug)", category: $0)
            }
        }
    }
}
