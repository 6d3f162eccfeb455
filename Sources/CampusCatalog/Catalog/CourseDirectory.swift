import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// Finding courses: by id, slug or content id, in catalog lists with filters and full-text search, and
/// deciding who may see or change one.
package struct CourseDirectory: Sendable {
    package let database: any Database
    /// Given where a stale course for up to `CatalogCache.lifetime` is acceptable: reading, never changing.
    /// With it, `find` hands every reader the same `Course` instance, which none may change.
    let cache: CatalogCache?
    let now: Date

    package init(database: any Database, cache: CatalogCache? = nil, now: Date = Date()) {
        self.database = database
        self.cache = cache
        self.now = now
    }

    /// A live course named by its UUID, its slug, or its content id (`course:…`).
    package func find(_ reference: String) async throws -> Course? {
        let condition: SQLQueryString
        let key: String
        if let id = UUID(text: reference) {
            condition = "id = \(bind: id)"
            key = id.wireString
        } else if reference.hasPrefix("course:") {
            condition = "content_id = \(bind: reference)"
            key = reference
        } else {
            key = reference.lowercased()
            condition = "slug = \(bind: key)"
        }
        guard let cache else { return try await Course.load(where: condition, "LIMIT 1", on: database).first }
        let (cached, generation) = cache.courses.lookup(key, now: now)
        if let cached { return cached }
        let course = try await Course.load(where: condition, "LIMIT 1", on: database).first
        cache.courses.store(course, for: key, now: now, ifGeneration: generation)
        return course
    }

    /// The course if the caller may see it: published courses for everyone, drafts and archived ones
    /// for who manages them, archived ones also for who is enrolled. Others get 404.
    package func visible(_ reference: String, to caller: AuthContext?, learners: any LearnerRecords) async throws -> Course {
        guard let course = try await findVisible(reference, to: caller, learners: learners) else { throw CatalogError.courseNotFound }
        return course
    }

    /// `visible`, with nil for a course the caller may not see.
    package func findVisible(_ reference: String, to caller: AuthContext?, learners: any LearnerRecords) async throws -> Course? {
        guard let course = try await find(reference) else { return nil }
        if course.statusValue == .published || Self.canManage(course, caller) { return course }
        if course.statusValue == .archived, let caller,
           try await learners.isEnrolled(userID: caller.userID, courseID: course.requireID(), on: database) {
            return course
        }
        return nil
    }

    /// Admins manage every course; authors the ones they wrote.
    package static func canManage(_ course: Course, _ caller: AuthContext?) -> Bool {
        guard let caller else { return false }
        return caller.role == .admin || (caller.role == .author && course.authorID == caller.userID)
    }

    package struct ListFilter {
        package var categoryID: UUID?
        package var level: CourseLevel?
        package var trackID: UUID?
        package var searchTerms: [String] = []

        package init(categoryID: UUID? = nil, level: CourseLevel? = nil, trackID: UUID? = nil, searchTerms: [String] = []) {
            self.categoryID = categoryID
            self.level = level
            self.trackID = trackID
            self.searchTerms = searchTerms
        }
    }

    /// Published courses in id order (time of creation), `limit` after the cursor.
    package func list(_ filter: ListFilter, after: UUID?, limit: Int) async throws -> [Course] {
        var condition: SQLQueryString = "status = \(bind: CourseStatus.published.rawValue)"
        if let categoryID = filter.categoryID { condition += " AND category_id = \(bind: categoryID)" }
        if let level = filter.level { condition += " AND level = \(bind: level.rawValue)" }
        if let trackID = filter.trackID {
            condition += " AND id IN (SELECT course_id FROM track_courses WHERE track_id = \(bind: trackID) AND deleted_at IS NULL)"
        }
        if !filter.searchTerms.isEmpty {
            if database.isPostgres {
                condition += " AND search @@ to_tsquery('simple', \(bind: SearchQuery.postgresTSQuery(filter.searchTerms)))"
            } else {
                condition += " AND id IN (SELECT course_id FROM courses_fts WHERE courses_fts MATCH \(bind: SearchQuery.sqliteMatch(filter.searchTerms)))"
            }
        }
        if let after { condition += " AND id > \(bind: after)" }
        return try await Course.load(where: condition, "ORDER BY id LIMIT \(literal: max(0, limit))", on: database)
    }
}
