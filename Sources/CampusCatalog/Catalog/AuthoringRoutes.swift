import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Vapor

/// Writing the catalog: categories and tracks (admins), courses (their authors and admins).
package struct AuthoringRoutes: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped(RequireAuth(minimumRole: .admin))
        admin.post("categories", use: createCategory)
        admin.patch("categories", ":categoryID", use: updateCategory)
        admin.delete("categories", ":categoryID", use: deleteCategory)
        admin.post("tracks", use: createTrack)
        admin.patch("tracks", ":trackID", use: updateTrack)
        admin.delete("tracks", ":trackID", use: deleteTrack)
        admin.put("tracks", ":trackID", "courses", use: orderTrack)

        let authors = routes.grouped(RequireAuth(minimumRole: .author))
        authors.post("courses", use: createCourse)
        authors.patch("courses", ":courseRef", use: updateCourse)
        authors.delete("courses", ":courseRef", use: deleteCourse)
    }

    // MARK: - Categories

    @Sendable package func createCategory(req: Request) async throws -> Response {
        let caller = try req.requireAuth()
        let body = try req.content.decode(CategoryRequest.self)
        var check = FieldValidator()
        let name = check.required("name", body.name, maxLength: 100)
        let slug = Self.slug(body.slug, field: "slug", check: &check)
        try check.throwIfInvalid()
        let category = Category(name: name!, slug: slug!, by: caller.userID)
        try await Self.uniqueSlug { try await category.create(on: req.campusDB) }
        return try await CategoryDTO(category).encodeResponse(status: .created, for: req)
    }

    @Sendable package func updateCategory(req: Request) async throws -> CategoryDTO {
        let caller = try req.requireAuth()
        let body = try req.content.decode(CategoryRequest.self)
        let category = try await Self.category(req)
        var check = FieldValidator()
        if body.name != nil, let name = check.required("name", body.name, maxLength: 100) { category.name = name }
        if body.slug != nil, let slug = Self.slug(body.slug, field: "slug", check: &check) { category.slug = slug }
        try check.throwIfInvalid()
        category.updatedBy = caller.userID
        try await Self.uniqueSlug { try await category.save(on: req.campusDB) }
        return CategoryDTO(category)
    }

    @Sendable package func deleteCategory(req: Request) async throws -> HTTPStatus {
        let category = try await Self.category(req)
        let categoryID = try category.requireID()
        category.updatedBy = try req.requireAuth().userID
        try await req.campusDB.transaction { database in
            try await category.save(on: database)
            try await category.delete(on: database)
            // Courses and tracks stay, without a category, rather than pointing at a deleted one.
            try await Course.query(on: database).filter(\.$categoryID == categoryID).set(\.$categoryID, to: nil).update()
            try await Track.query(on: database).filter(\.$categoryID == categoryID).set(\.$categoryID, to: nil).update()
        }
        return .noContent
    }

    // MARK: - Tracks

    @Sendable package func createTrack(req: Request) async throws -> Response {
        let caller = try req.requireAuth()
        let body = try req.content.decode(TrackRequest.self)
        var check = FieldValidator()
        let name = check.required("name", body.name, maxLength: 200)
        let categoryID = try await Self.categoryID(body.categoryID, req: req, check: &check)
        if let description = body.description, description.unicodeScalars.count > 5000 { check.fail("description", "must be at most 5000 characters") }
        let courseIDs = try await Self.courseIDs(body.courseIDs ?? [], req: req, check: &check)
        try check.throwIfInvalid()
        let track = Track(categoryID: categoryID, name: name!, description: body.description, by: caller.userID)
        try await req.campusDB.transaction { database in
            try await track.create(on: database)
            try await Self.replaceCourses(of: try track.requireID(), with: courseIDs, by: caller.userID, on: database)
        }
        let created = try await CatalogRoutes().track(req: req, id: try track.requireID())
        return try await created.encodeResponse(status: .created, for: req)
    }

    @Sendable package func updateTrack(req: Request) async throws -> TrackDTO {
        let caller = try req.requireAuth()
        let body = try req.content.decode(TrackRequest.self)
        let track = try await Self.track(req)
        var check = FieldValidator()
        if body.name != nil, let name = check.required("name", body.name, maxLength: 200) { track.name = name }
        if body.categoryID != nil { track.categoryID = try await Self.categoryID(body.categoryID, req: req, check: &check) }
        if let description = body.description {
            if description.unicodeScalars.count > 5000 { check.fail("description", "must be at most 5000 characters") }
            track.description = description.isEmpty ? nil : description
        }
        var courseIDs: [UUID]?
        if let raw = body.courseIDs { courseIDs = try await Self.courseIDs(raw, req: req, check: &check) }
        try check.throwIfInvalid()
        track.updatedBy = caller.userID
        let newOrder = courseIDs
        try await req.campusDB.transaction { database in
            try await track.save(on: database)
            if let courseIDs = newOrder { try await Self.replaceCourses(of: try track.requireID(), with: courseIDs, by: caller.userID, on: database) }
        }
        return try await CatalogRoutes().track(req: req, id: try track.requireID())
    }

    @Sendable package func orderTrack(req: Request) async throws -> TrackDTO {
        let caller = try req.requireAuth()
        let body = try req.content.decode(TrackCoursesRequest.self)
        let track = try await Self.track(req)
        var check = FieldValidator()
        guard let raw = body.courseIDs else { throw Problem.validation(field: "course_ids", "is required") }
        let courseIDs = try await Self.courseIDs(raw, req: req, check: &check)
        try check.throwIfInvalid()
        try await req.campusDB.transaction { database in
            try await Self.replaceCourses(of: try track.requireID(), with: courseIDs, by: caller.userID, on: database)
        }
        return try await CatalogRoutes().track(req: req, id: try track.requireID())
    }

    @Sendable package func deleteTrack(req: Request) async throws -> HTTPStatus {
        let track = try await Self.track(req)
        track.updatedBy = try req.requireAuth().userID
        try await track.save(on: req.campusDB)
        try await track.delete(on: req.campusDB)
        return .noContent
    }

    // MARK: - Courses

    @Sendable package func createCourse(req: Request) async throws -> Response {
        let caller = try req.requireAuth()
        let body = try req.content.decode(CourseRequest.self)
        var check = FieldValidator()
        let contentID = check.required("content_id", body.contentID, maxLength: 200)
        if let contentID, !contentID.hasPrefix("course:") || contentID.count < 8 {
            check.fail("content_id", "must name course content (\"course:…\")")
        }
        let slug = Self.slug(body.slug ?? contentID.map { String($0.dropFirst("course:".count)) }, field: "slug", check: &check)
        let title = check.required("title", body.title, maxLength: 200)
        if let description = body.description, description.unicodeScalars.count > 5000 { check.fail("description", "must be at most 5000 characters") }
        let level = Self.level(body.level ?? "", check: &check)
        let categoryID = try await Self.categoryID(body.categoryID, req: req, check: &check)
        let price = Self.price(body.priceCents ?? nil, currency: body.currency, check: &check)
        if body.status != nil && body.status != CourseStatus.draft.rawValue {
            check.fail("status", "a new course starts as draft; publish it with PATCH")
        }
        try check.throwIfInvalid()
        try await Self.requireClaimable(contentID!, caller: caller, content: req.platform.content)
        let course = Course(contentID: contentID!, slug: slug!, categoryID: categoryID, title: title!,
                            description: body.description.flatMap { $0.isEmpty ? nil : $0 }, level: level!,
                            priceCents: price.cents, currency: price.currency,
                            authorID: caller.userID)
        try await Self.uniqueSlug { try await course.create(on: req.campusDB) }
        return try await CourseCardDTO(course).encodeResponse(status: .created, for: req)
    }

    @Sendable package func updateCourse(req: Request) async throws -> CourseCardDTO {
        let caller = try req.requireAuth()
        let body = try req.content.decode(CourseRequest.self)
        let course = try await Self.managedCourse(req, caller: caller)
        var check = FieldValidator()
        if let contentID = body.contentID {
            if !contentID.hasPrefix("course:") || contentID.count < 8 || contentID.count > 200 {
                check.fail("content_id", "must name course content (\"course:…\")")
            } else if contentID != course.contentID {
                try await Self.requireClaimable(contentID, caller: caller, content: req.platform.content)
                course.contentID = contentID
            }
        }
        if body.slug != nil, let slug = Self.slug(body.slug, field: "slug", check: &check) { course.slug = slug }
        if body.title != nil, let title = check.required("title", body.title, maxLength: 200) { course.title = title }
        if let description = body.description {
            if description.unicodeScalars.count > 5000 { check.fail("description", "must be at most 5000 characters") }
            course.description = description.isEmpty ? nil : description
        }
        if let raw = body.level, let level = Self.level(raw, check: &check) { course.level = level.rawValue }
        if body.categoryID != nil { course.categoryID = try await Self.categoryID(body.categoryID, req: req, check: &check) }
        if let priceCents = body.priceCents {
            let price = Self.price(priceCents, currency: body.currency ?? course.currency, check: &check)
            course.priceCents = price.cents
            course.currency = price.currency
        } else if let currency = body.currency, course.priceCents != nil {
            course.currency = Self.price(course.priceCents, currency: currency, check: &check).currency
        }
        if body.contentID != nil && course.statusValue == .published && body.status == nil {
            try check.throwIfInvalid()
            try await PublishCheck(content: req.platform.content).require(course)   // a published course keeps complete content
        }
        if let raw = body.status {
            if let next = CourseStatus(rawValue: raw) {
                if !course.statusValue.canMove(to: next) {
                    check.fail("status", "cannot move from \(course.status) to \(next.rawValue) (draft → published → archived → draft)")
                } else if next == .published && course.statusValue != .published {
                    try check.throwIfInvalid()
                    try await PublishCheck(content: req.platform.content).require(course)
                    course.publishedAt = course.publishedAt ?? req.platform.clock.now()
                }
                course.status = next.rawValue
            } else {
                check.fail("status", "must be one of draft, published, archived")
            }
        }
        try check.throwIfInvalid()
        course.updatedBy = caller.userID
        try await Self.uniqueSlug { try await course.save(on: req.campusDB) }
        return CourseCardDTO(course)
    }

    @Sendable package func deleteCourse(req: Request) async throws -> HTTPStatus {
        let caller = try req.requireAuth()
        let course = try await Self.managedCourse(req, caller: caller)
        course.updatedBy = caller.userID
        try await course.save(on: req.campusDB)
        try await course.delete(on: req.campusDB)
        return .noContent
    }
}
