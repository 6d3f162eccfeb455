import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Foundation

/// Writing the catalog: categories and tracks (admins), courses (their authors and admins). Every
/// change is checked whole before anything is written; a track and its course list change together.
package struct AuthoringService: Sendable {
    package let database: any Database
    package let content: any ContentStore
    package let clock: CampusClock
    package let catalog: CatalogService

    package init(database: any Database, content: any ContentStore, clock: CampusClock, learners: any LearnerRecords) {
        self.database = database
        self.content = content
        self.clock = clock
        self.catalog = CatalogService(database: database, content: content, learners: learners)
    }

    // MARK: - Categories

    package func createCategory(_ body: CategoryRequest, caller: AuthContext) async throws -> CategoryDTO {
        var check = FieldValidator()
        let name = check.required("name", body.name, maxLength: 100)
        let slug = AuthoringChecks.slug(body.slug, field: "slug", check: &check)
        try check.throwIfInvalid()
        let category = Category(name: name!, slug: slug!, by: caller.userID)
        try await AuthoringChecks.uniqueSlug { try await category.create(on: database) }
        return CategoryDTO(category)
    }

    package func updateCategory(_ id: String, _ body: CategoryRequest, caller: AuthContext) async throws -> CategoryDTO {
        let category = try await self.category(id)
        var check = FieldValidator()
        if body.name != nil, let name = check.required("name", body.name, maxLength: 100) { category.name = name }
        if body.slug != nil, let slug = AuthoringChecks.slug(body.slug, field: "slug", check: &check) { category.slug = slug }
        try check.throwIfInvalid()
        category.updatedBy = caller.userID
        try await AuthoringChecks.uniqueSlug { try await category.save(on: database) }
        return CategoryDTO(category)
    }

    /// Courses and tracks stay, without a category, rather than pointing at a deleted one.
    package func deleteCategory(_ id: String, caller: AuthContext) async throws {
        let category = try await self.category(id)
        let categoryID = try category.requireID()
        category.updatedBy = caller.userID
        try await database.transaction { database in
            try await category.save(on: database)
            try await category.delete(on: database)
            try await Course.query(on: database).filter(\.$categoryID == categoryID).set(\.$categoryID, to: nil).update()
            try await Track.query(on: database).filter(\.$categoryID == categoryID).set(\.$categoryID, to: nil).update()
        }
    }

    // MARK: - Tracks

    package func createTrack(_ body: TrackRequest, caller: AuthContext) async throws -> TrackDTO {
        var check = FieldValidator()
        let name = check.required("name", body.name, maxLength: 200)
        let categoryID = try await categoryID(body.categoryID, check: &check)
        if let description = body.description, description.unicodeScalars.count > 5000 { check.fail("description", "must be at most 5000 characters") }
        let courseIDs = try await courseIDs(body.courseIDs ?? [], check: &check)
        try check.throwIfInvalid()
        let track = Track(categoryID: categoryID, name: name!, description: body.description, by: caller.userID)
        try await database.transaction { database in
            try await track.create(on: database)
            try await Self.replaceCourses(of: try track.requireID(), with: courseIDs, by: caller.userID, on: database)
        }
        return try await catalog.track(try track.requireID(), caller: caller)
    }

    package func updateTrack(_ id: String, _ body: TrackRequest, caller: AuthContext) async throws -> TrackDTO {
        let track = try await self.track(id)
        var check = FieldValidator()
        if body.name != nil, let name = check.required("name", body.name, maxLength: 200) { track.name = name }
        if body.categoryID != nil { track.categoryID = try await categoryID(body.categoryID, check: &check) }
        if let description = body.description {
            if description.unicodeScalars.count > 5000 { check.fail("description", "must be at most 5000 characters") }
            track.description = description.isEmpty ? nil : description
        }
        var courseIDs: [UUID]?
        if let raw = body.courseIDs { courseIDs = try await self.courseIDs(raw, check: &check) }
        try check.throwIfInvalid()
        track.updatedBy = caller.userID
        let newOrder = courseIDs
        try await database.transaction { database in
            try await track.save(on: database)
            if let courseIDs = newOrder { try await Self.replaceCourses(of: try track.requireID(), with: courseIDs, by: caller.userID, on: database) }
        }
        return try await catalog.track(try track.requireID(), caller: caller)
    }

    package func orderTrack(_ id: String, courseIDs raw: [String], caller: AuthContext) async throws -> TrackDTO {
        let track = try await self.track(id)
        var check = FieldValidator()
        let courseIDs = try await courseIDs(raw, check: &check)
        try check.throwIfInvalid()
        try await database.transaction { database in
            try await Self.replaceCourses(of: try track.requireID(), with: courseIDs, by: caller.userID, on: database)
        }
        return try await catalog.track(try track.requireID(), caller: caller)
    }

    package func deleteTrack(_ id: String, caller: AuthContext) async throws {
        let track = try await self.track(id)
        track.updatedBy = caller.userID
        try await track.save(on: database)
        try await track.delete(on: database)
    }

    // MARK: - Courses

    /// A new course starts as a draft of its author.
    package func createCourse(_ body: CourseRequest, caller: AuthContext) async throws -> CourseCardDTO {
        var check = FieldValidator()
        let contentID = check.required("content_id", body.contentID, maxLength: 200)
        if let contentID, !contentID.hasPrefix("course:") || contentID.count < 8 {
            check.fail("content_id", "must name course content (\"course:…\")")
        }
        let slug = AuthoringChecks.slug(body.slug ?? contentID.map { String($0.dropFirst("course:".count)) }, field: "slug", check: &check)
        let title = check.required("title", body.title, maxLength: 200)
        if let description = body.description, description.unicodeScalars.count > 5000 { check.fail("description", "must be at most 5000 characters") }
        let level = AuthoringChecks.level(body.level ?? "", check: &check)
        let categoryID = try await categoryID(body.categoryID, check: &check)
        let price = AuthoringChecks.price(body.priceCents ?? nil, currency: body.currency, check: &check)
        if body.status != nil && body.status != CourseStatus.draft.rawValue {
            check.fail("status", "a new course starts as draft; publish it with PATCH")
        }
        try check.throwIfInvalid()
        try await AuthoringChecks.requireClaimable(contentID!, caller: caller, content: content)
        let course = Course(contentID: contentID!, slug: slug!, categoryID: categoryID, title: title!,
                            description: body.description.flatMap { $0.isEmpty ? nil : $0 }, level: level!,
                            priceCents: price.cents, currency: price.currency,
                            authorID: caller.userID)
        try await AuthoringChecks.uniqueSlug { try await course.create(on: database) }
        return CourseCardDTO(course)
    }

    package func updateCourse(_ reference: String, _ body: CourseRequest, caller: AuthContext) async throws -> CourseCardDTO {
        let course = try await managedCourse(reference, caller: caller)
        var check = FieldValidator()
        if let contentID = body.contentID {
            if !contentID.hasPrefix("course:") || contentID.count < 8 || contentID.count > 200 {
                check.fail("content_id", "must name course content (\"course:…\")")
            } else if contentID != course.contentID {
                try await AuthoringChecks.requireClaimable(contentID, caller: caller, content: content)
                course.contentID = contentID
            }
        }
        if body.slug != nil, let slug = AuthoringChecks.slug(body.slug, field: "slug", check: &check) { course.slug = slug }
        if body.title != nil, let title = check.required("title", body.title, maxLength: 200) { course.title = title }
        if let description = body.description {
            if description.unicodeScalars.count > 5000 { check.fail("description", "must be at most 5000 characters") }
            course.description = description.isEmpty ? nil : description
        }
        if let raw = body.level, let level = AuthoringChecks.level(raw, check: &check) { course.level = level.rawValue }
        if body.categoryID != nil { course.categoryID = try await categoryID(body.categoryID, check: &check) }
        if let priceCents = body.priceCents {
            let price = AuthoringChecks.price(priceCents, currency: body.currency ?? course.currency, check: &check)
            course.priceCents = price.cents
            course.currency = price.currency
        } else if let currency = body.currency, course.priceCents != nil {
            course.currency = AuthoringChecks.price(course.priceCents, currency: currency, check: &check).currency
        }
        if body.contentID != nil && course.statusValue == .published && body.status == nil {
            try check.throwIfInvalid()
            try await PublishCheck(content: content).require(course)   // a published course keeps complete content
        }
        if let raw = body.status {
            if let next = CourseStatus(rawValue: raw) {
                if !course.statusValue.canMove(to: next) {
                    check.fail("status", "cannot move from \(course.status) to \(next.rawValue) (draft → published → archived → draft)")
                } else if next == .published && course.statusValue != .published {
                    try check.throwIfInvalid()
                    try await PublishCheck(content: content).require(course)
                    course.publishedAt = course.publishedAt ?? clock.now()
                }
                course.status = next.rawValue
            } else {
                check.fail("status", "must be one of draft, published, archived")
            }
        }
        try check.throwIfInvalid()
        course.updatedBy = caller.userID
        try await AuthoringChecks.uniqueSlug { try await course.save(on: database) }
        return CourseCardDTO(course)
    }

    package func deleteCourse(_ reference: String, caller: AuthContext) async throws {
        let course = try await managedCourse(reference, caller: caller)
        course.updatedBy = caller.userID
        try await course.save(on: database)
        try await course.delete(on: database)
    }

    // MARK: - Lookups

    private func category(_ id: String) async throws -> Category {
        guard let id = UUID(uuidString: id), let category = try await Category.find(id, on: database) else { throw CatalogError.categoryNotFound }
        return category
    }

    private func track(_ id: String) async throws -> Track {
        guard let id = UUID(uuidString: id), let track = try await Track.find(id, on: database) else { throw CatalogError.trackNotFound }
        return track
    }

    /// The course if the caller manages it. Another author gets 404 for a course they cannot see and
    /// 403 for a published one (whose existence is public anyway).
    private func managedCourse(_ reference: String, caller: AuthContext) async throws -> Course {
        guard let course = try await CourseDirectory(database: database).find(reference) else { throw CatalogError.courseNotFound }
        if CourseDirectory.canManage(course, caller) { return course }
        if course.statusValue == .published { throw CatalogError.notYourCourse }
        throw CatalogError.courseNotFound
    }

    private func categoryID(_ raw: String?, check: inout FieldValidator) async throws -> UUID? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let category = try await CategoryLookup(database: database).find(raw) else {
            check.fail("category_id", "no such category")
            return nil
        }
        return category.id
    }

    private func courseIDs(_ raw: [String], check: inout FieldValidator) async throws -> [UUID] {
        guard raw.count <= 200 else {
            check.fail("course_ids", "must list at most 200 courses")
            return []
        }
        var ids: [UUID] = []
        for (index, value) in raw.enumerated() {
            guard let id = UUID(uuidString: value) else {
                check.fail("course_ids[\(index)]", "must be a course id")
                continue
            }
            if ids.contains(id) { check.fail("course_ids[\(index)]", "is listed twice") }
            ids.append(id)
        }
        let found = Set(try await Course.query(on: database).filter(\.$id ~~ ids).all().compactMap(\.id))
        for (index, value) in raw.enumerated() where UUID(uuidString: value).map({ !found.contains($0) }) == true {
            check.fail("course_ids[\(index)]", "no such course")
        }
        return ids
    }

    private static func replaceCourses(of trackID: UUID, with courseIDs: [UUID], by actor: UUID, on database: any Database) async throws {
        try await TrackCourse.query(on: database).filter(\.$trackID == trackID).delete()
        for (position, courseID) in courseIDs.enumerated() {
            try await TrackCourse(trackID: trackID, courseID: courseID, position: position + 1, by: actor).create(on: database)
        }
    }
}
