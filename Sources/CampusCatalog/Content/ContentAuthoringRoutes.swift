import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Vapor

/// `PUT/GET /api/v1/content/{courses|lessons|questions|quizzes|practices}/{id}`: authors write content through the
/// same validation as `campus content import`. Authors change only their own content: a course's (and
/// its lessons') through the course row they wrote, questions and quizzes through the `author_id` the
/// document records. Students cannot use these routes; authors see answer keys only of the questions they wrote, and
/// their quizzes ask only those.
package struct ContentAuthoringRoutes: RouteCollection {
    package init() {}

    package typealias Kind = ContentAuthoringService.Kind

    package func boot(routes: any RoutesBuilder) throws {
        let content = routes.grouped("content").grouped(RequireAuth(minimumRole: .author))
        content.put(":kind", ":contentID", use: put)
        content.get(":kind", ":contentID", use: get)
    }

    @Sendable package func get(req: Request) async throws -> Response {
        let (kind, id) = try Self.target(req)
        let document = try await service(req).get(kind, id: id, caller: try req.requireAuth())
        return try Response.json(.object(document), status: .ok)
    }

    @Sendable package func put(req: Request) async throws -> Response {
        let (kind, id) = try Self.target(req)
        guard let data = req.body.data, let value = try? JSONValue.parse(Data(buffer: data)), let document = value.objectValue else {
            throw Problem.validation(field: "body", "must be a JSON object: the \(kind.rawValue.dropLast()) document")
        }
        let (saved, created) = try await service(req).put(kind, id: id, document: document, caller: try req.requireAuth())
        return try Response.json(.object(saved), status: created ? .created : .ok)
    }

    private func service(_ req: Request) -> ContentAuthoringService {
        ContentAuthoringService(database: req.campusDB, content: req.platform.content, learners: req.catalog.learners,
                                practiceValidator: req.catalog.practiceValidator)
    }

    package static func target(_ req: Request) throws -> (Kind, String) {
        guard let kind = Kind(rawValue: try req.parameters.require("kind")) else {
            throw CatalogError.contentKindNotFound
        }
        let id = try req.parameters.require("contentID")
        var check = FieldValidator()
        if id.isEmpty || id.count > 200 || id.contains(where: { $0.isWhitespace || $0 == "/" }) {
            check.fail("id", "must be 1–200 characters without spaces or slashes")
        } else if let prefix = kind.idPrefix, !id.hasPrefix(prefix) || id.count == prefix.count {
            check.fail("id", "must start with \"\(prefix)\"")
        }
        try check.throwIfInvalid()
        return (kind, id)
    }
}
