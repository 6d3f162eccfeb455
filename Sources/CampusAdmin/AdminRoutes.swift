import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import FluentKit
import FluentSQL
import SQLKit
import Vapor

/// `/api/v1/admin/...`: finding users and changing their role, and the course report.
package struct AdminRoutes: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("admin").grouped(RequireAuth(minimumRole: .admin))
        admin.get("users", use: users)
        admin.patch("users", ":userID", use: updateUser)
        admin.get("reports", "courses", use: courseReport)
    }

    @Sendable package func users(req: Request) async throws -> Page<UserDTO> {
        let page = try PageRequest(req)
        let query = User.query(on: req.campusDB)
        if let raw = req.query[String.self, at: "role"], !raw.isEmpty {
            guard let role = Role(rawValue: raw) else {
                throw Problem.validation(field: "role", "must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query.filter(\.$role == role.rawValue)
        }
        if let raw = req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            guard raw.unicodeScalars.count <= 100 else { throw Problem.validation(field: "q", "must be at most 100 characters") }
            // Substring of email or name, case-insensitive; LIKE wildcards in the input are matched literally.
            let pattern = "%" + raw.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            query.filter(.sql(embed: "(LOWER(\(ident: "users").\(ident: "email")) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(\(ident: "users").\(ident: "name")) LIKE \(bind: pattern) ESCAPE '\\')"))
        }
        if let after = try page.afterUUID() { query.filter(\.$id > after) }
        let rows = try await query.sort(\.$id).limit(page.limit).all()
        return Page(items: try rows.map { try UserDTO($0) }, nextCursor: page.nextCursor(rows.last?.id, count: rows.count))
    }

    @Sendable package func updateUser(req: Request) async throws -> UserDTO {
        let caller = try req.requireAuth()
        let body = try req.content.decode(AdminRoleRequest.self)
        guard let raw = body.role else { throw Problem.validation(field: "role", "is required") }
        guard let role = Role(rawValue: raw) else {
            throw Problem.validation(field: "role", "must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let id = UUID(uuidString: try req.parameters.require("userID")),
              let user = try await User.find(id, on: req.campusDB) else { throw Problem.notFound("The user") }
        if id == caller.userID && role != .admin {
            throw Problem.conflict("own-role", "Admins cannot take away their own admin role; ask another admin.")
        }
        user.role = role.rawValue
        user.updatedBy = caller.userID
        try await user.save(on: req.campusDB)
        return try UserDTO(user)
    }

    @Sendable package func courseReport(req: Request) async throws -> Page<CourseReportDTO> {
        let page = try PageRequest(req)
        let query = Course.query(on: req.campusDB)
        if let after = try page.afterUUID() { query.filter(\.$id > after) }
        let courses = try await query.sort(\.$id).limit(page.limit).all()
        let rows = try await CourseReport(database: req.campusDB, content: req.platform.content, now: req.platform.clock.now())
            .rows(for: courses)
        return Page(items: rows, nextCursor: page.nextCursor(courses.last?.id, count: courses.count))
    }
}
