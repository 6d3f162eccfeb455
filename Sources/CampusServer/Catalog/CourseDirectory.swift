import CampusCore
import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// Finding courses: by id, slug or content id, in catalog lists with filters and full-text search, and
/// deciding who may see or change one.
struct CourseDirectory: Sendable {
    let database: any Database

    /// A live course named by its UUID, its slug, or its content id (`course:…`).
    func find(_ reference: String) async throws -> Course? {
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
    func visible(_ reference: String, to caller: AuthContext?) async throws -> Course {
        guard let course = try await find(reference) else { throw Problem.notFound("The course") }
        if course.statusValue == .published || Self.canManage(course, caller) { return course }
        if course.statusValue == .archived, let caller,
           try await Enrollment.query(on: database).filter(\.$userID == caller.userID)
               .filter(\.$courseID == course.requireID()).filter(\.$status != Enrollment.Status.cancelled.rawValue).first() != nil {
            return course
        }
        throw Problem.notFound("The course")
    }

    /// Admins manage every course; authors the ones they wrote.
    static func canManage(_ course: Course, _ caller: AuthContext?) -> Bool {
        guard let caller else { return false }
        return caller.role == .admin || (caller.role == .author && course.authorID == caller.userID)
    }

    struct ListFilter {
        var categoryID: UUID?
        var level: CourseLevel?
        var trackID: UUID?
        var searchTerms: [String] = []
    }

    /// Published courses in id order (time of creation), `limit` after the cursor.
    func list(_ filter: ListFilter, after: UUID?, limit: Int) async throws -> [Course] {
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
