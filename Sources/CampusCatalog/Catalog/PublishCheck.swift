import CampusCore
import CampusPlatform

/// Publishing needs the course content and every lesson it lists to exist.
package struct PublishCheck {
    package let content: any ContentStore

    package init(content: any ContentStore) {
        self.content = content
    }

    package func require(_ course: Course) async throws {
        guard let document = try await content.get(ContentCollection.courses, id: course.contentID) else {
            throw CatalogError.courseIncomplete(detail: "No course content \"\(course.contentID)\" exists; write it before publishing.",
                                                errors: [.init(field: "content_id", message: "no course content \"\(course.contentID)\"")])
        }
        let outline = CourseOutline(document)
        let lessons = try await content.getMany(ContentCollection.lessons, ids: outline.lessonIDs)
        let missing = outline.lessonIDs.filter { lessons[$0] == nil }
        guard missing.isEmpty, !outline.lessonIDs.isEmpty else {
            throw CatalogError.courseIncomplete(detail: outline.lessonIDs.isEmpty ? "The course content lists no lessons."
                                                    : "Lessons the course lists do not exist: \(missing.joined(separator: ", ")).",
                                                errors: missing.map { .init(field: "modules", message: "no lesson \"\($0)\"") })
        }
    }
}
