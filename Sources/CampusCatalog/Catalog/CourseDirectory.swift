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

    package init(database: any Database) {
        self.database = database
    }

    /// A live course named by its UUID, its slug, or its content id (`course:…`).
    package func find(_ reference: String) async throws -> Course? {
        let query = Course.query(on: database)
        if let id = UUID(uuidString: reference) {
            query.filter(\.$id == id)
        } else if reference.hasPrefix("course:") {
            query.filter(\.$contentID == reference)
        } else {
            query.filter(\.$slug == reference.lowercased())
        }
        return try await query.first()
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
        let query = Course.query(on: database).filter(\.$status == CourseStatus.published.rawValue)
        if let categoryID = filter.categoryID { query.filter(\.$categoryID == categoryID) }
        if let level = filter.level { query.filter(\.$level == level.rawValue) }
        if let trackID = filter.trackID {
            query.filter(.sql(embed: """
                \(ident: "courses").\(ident: "id") IN (SELECT course_id FROM track_courses
                WHERE track_id = \(bind: trackID) AND deleted_at IS NULL)
                """))
        }
        if !filter.searchTerms.isEmpty {
            if database.isPostgres {
                query.filter(.sql(embed: "\(ident: "courses").\(ident: "search") @@ to_tsquery('simple', \(bind: SearchQuery.postgresTSQuery(filter.searchTerms)))"))
            } else {
                query.filter(.sql(embed: """
                    \(ident: "courses").\(ident: "id") IN (SELECT course_id FROM courses_fts
                    WHERE courses_fts MATCH \(bind: SearchQuery.sqliteMatch(filter.searchTerms)))
                    """))
            }
        }
        if let after { query.filter(\.$id > after) }
        return try await query.sort(\.$id).limit(limit).all()
    }
}
