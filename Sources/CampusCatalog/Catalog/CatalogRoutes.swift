import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Vapor

/// The public catalog: categories, tracks and published courses. On a course's own page a signed-in
/// caller also sees their enrollment and progress.
package struct CatalogRoutes: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        routes.get("categories", use: categories)
        routes.get("tracks", use: tracks)
        routes.get("tracks", ":trackID", use: track)
        routes.get("courses", use: courses)
        routes.get("courses", ":courseRef", use: course)
    }

    @Sendable package func categories(req: Request) async throws -> Page<CategoryDTO> {
        let page = try PageRequest(req, defaultLimit: 100)
        let rows = try await service(req).categories(after: try page.afterUUID(), limit: page.limit)
        return Page(items: rows.map(CategoryDTO.init), nextCursor: page.nextCursor(rows.last?.id, count: rows.count))
    }

    @Sendable package func tracks(req: Request) async throws -> Page<TrackDTO> {
        let page = try PageRequest(req)
        let category = req.query[String.self, at: "category"].flatMap { $0.isEmpty ? nil : $0 }
        let rows = try await service(req).tracks(category: category, after: try page.afterUUID(), limit: page.limit)
        return Page(items: rows.map { TrackDTO($0) }, nextCursor: page.nextCursor(rows.last?.id, count: rows.count))
    }

    @Sendable package func track(req: Request) async throws -> TrackDTO {
        guard let id = UUID(uuidString: try req.parameters.require("trackID")) else { throw CatalogError.trackNotFound }
        return try await service(req).track(id, caller: req.authContext)
    }

    /// The page is the same for every caller, so it is kept encoded for a moment (`CatalogCache`).
    @Sendable package func courses(req: Request) async throws -> Response {
        let page = try PageRequest(req)
        let service = service(req)
        var check = FieldValidator()
        var filter = CourseDirectory.ListFilter()
        var unknownCategory = false
        if let raw = req.query[String.self, at: "category"], !raw.isEmpty {
            let category = try await service.category(raw)
            filter.categoryID = category?.id
            unknownCategory = category == nil
        }
        if let raw = req.query[String.self, at: "level"], !raw.isEmpty {
            filter.level = CourseLevel(lenient: raw)
            if filter.level == nil {
                check.fail("level", "must be one of \(CourseLevel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if let raw = req.query[String.self, at: "track"], !raw.isEmpty {
            filter.trackID = UUID(uuidString: raw)
            if filter.trackID == nil { check.fail("track", "must be a track id") }
        }
        if let raw = req.query[String.self, at: "q"] {
            if raw.unicodeScalars.count > 200 { check.fail("q", "must be at most 200 characters") }
            filter.searchTerms = SearchQuery.terms(raw)
        }
        try check.throwIfInvalid()
        if unknownCategory { return Response.json(try Self.encoded([], nextCursor: nil)) }   // as an unknown track: nothing matches
        if let raw = req.query[String.self, at: "q"], !raw.trimmingCharacters(in: .whitespaces).isEmpty, filter.searchTerms.isEmpty {
            return Response.json(try Self.encoded([], nextCursor: nil))   // nothing searchable in it: no course matches
        }
        let after = try page.afterUUID()
        let cache = req.catalog.cache
        let now = req.platform.clock.now()
        let key = [filter.categoryID?.wireString ?? "", filter.level?.rawValue ?? "", filter.trackID?.wireString ?? "",
                   filter.searchTerms.joined(separator: "\u{1}"), after?.wireString ?? "", String(page.limit)].joined(separator: "\u{0}")
        let (kept, generation) = cache.pages.lookup(key, now: now)
        if let kept { return Response.json(kept) }
        let rows = try await service.courses(filter, after: after, limit: page.limit)
        let body = try Self.encoded(rows.map(CourseCardDTO.init), nextCursor: page.nextCursor(rows.last?.id, count: rows.count))
        cache.pages.store(body, for: key, now: now, ifGeneration: generation)
        return Response.json(body)
    }

    private static func encoded(_ cards: [CourseCardDTO], nextCursor: String?) throws -> ByteBuffer {
        ByteBuffer(data: try JSONEncoder.campus.encode(Page(items: cards, nextCursor: nextCursor)))
    }

    @Sendable package func course(req: Request) async throws -> CourseDetailDTO {
        try await service(req).course(try req.parameters.require("courseRef"), caller: req.authContext)
    }

    private func service(_ req: Request) -> CatalogService {
        CatalogService(database: req.campusDB, content: req.platform.content, learners: req.catalog.learners)
    }
}

/// Categories are named by id or slug in query strings.
package struct CategoryLookup {
    package let database: any Database

    package init(database: any Database) {
        self.database = database
    }

    package func find(_ reference: String) async throws -> Category? {
        if let id = UUID(uuidString: reference) { return try await Category.find(id, on: database) }
        return try await Category.query(on: database).filter(\.$slug == reference.lowercased()).first()
    }
}

