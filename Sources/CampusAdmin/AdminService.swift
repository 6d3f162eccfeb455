import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import FluentKit
import FluentSQL
import Foundation

/// Finding users and changing their role, and the course report.
package struct AdminService: Sendable {
    package let database: any Database
    package let content: any ContentStore
    package let clock: CampusClock

    package init(database: any Database, content: any ContentStore, clock: CampusClock) {
        self.database = database
        self.content = content
        self.clock = clock
    }

    /// Users in id order, narrowed by role and by a case-insensitive substring of email or name (LIKE
    /// wildcards in `search` are matched literally).
    package func users(role: Role?, search: String?, after: UUID?, limit: Int) async throws -> [User] {
        let query = User.query(on: database)
        if let role { query.filter(\.$role == role.rawValue) }
        if let search {
            let pattern = "%" + search.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            query.filter(.sql(embed: "(LOWER(\(ident: "users").\(ident: "email")) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(\(ident: "users").\(ident: "name")) LIKE \(bind: pattern) ESCAPE '\\')"))
        }
        if let after { query.filter(\.$id > after) }
        return try await query.sort(\.$id).limit(limit).all()
    }

    /// An admin cannot take away their own admin role, so there is always one left.
    package func setRole(_ role: Role, of rawID: String, caller: AuthContext) async throws -> User {
        guard let id = UUID(uuidString: rawID), let user = try await User.find(id, on: database) else { throw AdminError.userNotFound }
        if id == caller.userID && role != .admin { throw AdminError.ownRole }
        user.role = role.rawValue
        user.updatedBy = caller.userID
        try await user.save(on: database)
        return user
    }

    package func courseReport(after: UUID?, limit: Int) async throws -> (rows: [CourseReportDTO], lastID: UUID?, count: Int) {
        let query = Course.query(on: database)
        if let after { query.filter(\.$id > after) }
        let courses = try await query.sort(\.$id).limit(limit).all()
        let rows = try await CourseReport(database: database, content: content, now: clock.now()).rows(for: courses)
        return (rows, courses.last?.id, courses.count)
    }
}
