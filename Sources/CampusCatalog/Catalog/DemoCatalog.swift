import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import Logging

/// The catalog rows for the demo content: its categories, one track, and the demo course published,
/// so a fresh `swift run campus` has something to browse, enroll in and complete.
package enum DemoCatalog {
    package static let courseContentID = "course:campus-demo"

    package static func loadIfEmpty(database: any Database, content: any ContentStore, logger: Logger) async throws {
        guard try await Category.query(on: database).withDeleted().count() == 0,
              try await Course.query(on: database).withDeleted().count() == 0,
              let document = try await content.get(ContentCollection.courses, id: courseContentID) else { return }
        let quizID = document["final_quiz_id"]?.stringValue
        let quiz = try await quizID.asyncMap { try await content.get(ContentCollection.quizzes, id: $0) } ?? nil
        // One category per quiz category, so the quiz's study plan can point at catalog courses.
        var categories: [(slug: String, name: String)] = (quiz?["categories"]?.objectValue ?? [:])
            .map { ($0.key, $0.value["name"]?.stringValue ?? $0.key) }.sorted { $0.slug < $1.slug }
        let courseCategory = document["category"]?.stringValue ?? "api"
        if !categories.contains(where: { $0.slug == courseCategory }) { categories.append((courseCategory, courseCategory)) }
        let names = categories
        try await database.transaction { database in
            var categoryIDs: [String: UUID] = [:]
            for (slug, name) in names where Slug.isValid(slug) {
                let category = Category(name: name, slug: slug, by: nil)
                try await category.create(on: database)
                categoryIDs[slug] = category.id
            }
            let course = Course(contentID: courseContentID, slug: "campus-demo", categoryID: categoryIDs[courseCategory],
                                title: document["title"]?.stringValue ?? "Campus demo",
                                description: document["description"]?.stringValue,
                                level: CourseLevel(lenient: document["level"]?.stringValue ?? "") ?? .beginner,
                                priceCents: nil, currency: nil, authorID: nil)
            course.status = CourseStatus.published.rawValue
            course.publishedAt = Date()
            try await course.create(on: database)
            let track = Track(categoryID: categoryIDs[courseCategory], name: "System analyst: first steps",
                              description: "Start here: the essentials course, then its final assessment.", by: nil)
            try await track.create(on: database)
            try await TrackCourse(trackID: try track.requireID(), courseID: try course.requireID(), position: 1, by: nil).create(on: database)
        }
        logger.notice("demo catalog created", metadata: ["course": .string(courseContentID)])
    }
}
