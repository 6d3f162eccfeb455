import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Foundation

/// Reading the catalog: categories, tracks and published courses, and one course's page.
package struct CatalogService: Sendable {
    package let database: any Database
    package let content: any ContentStore
    package let learners: any LearnerRecords

    package init(database: any Database, content: any ContentStore, learners: any LearnerRecords) {
        self.database = database
        self.content = content
        self.learners = learners
    }

    package func categories(after: UUID?, limit: Int) async throws -> [Category] {
        let query = Category.query(on: database)
        if let after { query.filter(\.$id > after) }
        return try await query.sort(\.$id).limit(limit).all()
    }

    /// A category reference that names no category matches nothing, as an unknown track does.
    package func tracks(category reference: String?, after: UUID?, limit: Int) async throws -> [Track] {
        let query = Track.query(on: database)
        if let reference {
            guard let category = try await CategoryLookup(database: database).find(reference) else { return [] }
            query.filter(\.$categoryID == category.id)
        }
        if let after { query.filter(\.$id > after) }
        return try await query.sort(\.$id).limit(limit).all()
    }

    /// A track with its courses in order: the published ones, and for who manages them also the others.
    package func track(_ id: UUID, caller: AuthContext?) async throws -> TrackDTO {
        guard let track = try await Track.find(id, on: database) else { throw CatalogError.trackNotFound }
        let links = try await TrackCourse.query(on: database).filter(\.$trackID == id).sort(\.$position).all()
        let courses = try await Course.query(on: database).filter(\.$id ~~ links.map(\.courseID)).all()
        let byID = Dictionary(courses.compactMap { course in course.id.map { ($0, course) } }, uniquingKeysWith: { first, _ in first })
        let ordered = links.compactMap { byID[$0.courseID] }
            .filter { $0.statusValue == .published || CourseDirectory.canManage($0, caller) }
        return TrackDTO(track, courses: ordered.map(CourseCardDTO.init))
    }

    package func category(_ reference: String) async throws -> Category? {
        try await CategoryLookup(database: database).find(reference)
    }

    package func courses(_ filter: CourseDirectory.ListFilter, after: UUID?, limit: Int) async throws -> [Course] {
        try await CourseDirectory(database: database).list(filter, after: after, limit: limit)
    }

    /// A course's page, if the caller may see the course.
    package func course(_ reference: String, caller: AuthContext?) async throws -> CourseDetailDTO {
        let course = try await CourseDirectory(database: database).visible(reference, to: caller, learners: learners)
        return try await CourseDetails(content: content, learners: learners, database: database).detail(of: course, caller: caller)
    }
}
