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
        var role: Role?
        if let raw = req.query[String.self, at: "role"], !raw.isEmpty {
            guard let parsed = Role(rawValue: raw) else { throw Self.unknownRole }
            role = parsed
        }
        var search: String?
        if let raw = req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            guard raw.unicodeScalars.count <= 100 else { throw Problem.validation(field: "q", "must be at most 100 characters") }
            search = raw
        }
        let rows = try await service(req).users(role: role, search: search, after: try page.afterUUID(), limit: page.limit)
        return Page(items: try rows.map { try UserDTO($0) }, nextCursor: page.nextCursor(rows.last?.id, count: rows.count))
    }

    @Sendable package func updateUser(req: Request) async throws -> UserDTO {
        let body = try req.content.decode(AdminRoleRequest.self)
        guard let raw = body.role else { throw Problem.validation(field: "role", "is required") }
        guard let role = Role(rawValue: raw) else { throw Self.unknownRole }
        return try UserDTO(try await service(req).setRole(role, of: try req.parameters.require("userID"), caller: try req.requireAuth()))
    }

    @Sendable package func courseReport(req: Request) async throws -> Page<CourseReportDTO> {
        let page = try PageRequest(req)
        let (rows, lastID, count) = try await service(req).courseReport(after: try page.afterUUID(), limit: page.limit)
        return Page(items: rows, nextCursor: page.nextCursor(lastID, count: count))
    }

    private static let unknownRole = Problem.validation(field: "role", "must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")

    private func service(_ req: Request) -> AdminService {
        AdminService(database: req.campusDB, content: req.platform.content, clock: req.platform.clock)
    }
}
