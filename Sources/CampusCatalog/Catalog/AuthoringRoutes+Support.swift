import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Vapor

extension AuthoringRoutes {
    /// Slugs are unique among live rows; a clash is the client's 409, not a 500.
    package static func uniqueSlug(_ write: () async throws -> Void) async throws {
        do {
            try await write()
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw Problem.conflict("slug-taken", "The slug (or content id) is already used by another live row.")
        }
    }

    /// The one check for every write that points a course row at course content: admins may point at
    /// any; an author only at content not written yet or written by them. Content an admin imported has
    /// no author and stays the admins'.
    package static func requireClaimable(_ contentID: String, caller: AuthContext, content: any ContentStore) async throws {
        guard caller.role != .admin,
              let document = try await content.get(ContentCollection.courses, id: contentID) else { return }
        guard document["author_id"]?.stringValue == caller.userID.wireString else { throw ContentAuthoringRoutes.notYours }
    }

    package static func slug(_ raw: String?, field: String, check: inout FieldValidator) -> String? {
        guard let value = raw?.trimmingCharacters(in: .whitespaces).lowercased(), !value.isEmpty else {
            check.fail(field, "is required")
            return nil
        }
        guard Slug.isValid(value) else {
            check.fail(field, Slug.rule)
            return nil
        }
        return value
    }

    package static func level(_ raw: String, check: inout FieldValidator) -> CourseLevel? {
        guard let level = CourseLevel(lenient: raw) else {
            check.fail("level", "must be one of \(CourseLevel.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return level
    }

    /// `nil` or 0 is free; a positive price needs an ISO 4217 currency code.
    package static func price(_ cents: Int?, currency: String?, check: inout FieldValidator) -> (cents: Int?, currency: String?) {
        guard let cents, cents != 0 else { return (nil, nil) }
        guard cents > 0, cents <= 100_000_000 else {
            check.fail("price_cents", "must be a whole number of minor units from 0 to 100000000, or null for free")
            return (nil, nil)
        }
        guard let code = currency?.uppercased(), code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            check.fail("currency", "is required with a price: a three-letter ISO 4217 code such as RUB or USD")
            return (nil, nil)
        }
        return (cents, code)
    }

    package static func categoryID(_ raw: String?, req: Request, check: inout FieldValidator) async throws -> UUID? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let category = try await CategoryLookup(database: req.campusDB).find(raw) else {
            check.fail("category_id", "no such category")
            return nil
        }
        return category.id
    }

    package static func courseIDs(_ raw: [String], req: Request, check: inout FieldValidator) async throws -> [UUID] {
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
        let found = Set(try await Course.query(on: req.campusDB).filter(\.$id ~~ ids).all().compactMap(\.id))
        for (index, value) in raw.enumerated() where UUID(uuidString: value).map({ !found.contains($0) }) == true {
            check.fail("course_ids[\(index)]", "no such course")
        }
        return ids
    }

    package static func replaceCourses(of trackID: UUID, with courseIDs: [UUID], by actor: UUID, on database: any Database) async throws {
        try await TrackCourse.query(on: database).filter(\.$trackID == trackID).delete()
        for (position, courseID) in courseIDs.enumerated() {
            try await TrackCourse(trackID: trackID, courseID: courseID, position: position + 1, by: actor).create(on: database)
        }
    }

    package static func category(_ req: Request) async throws -> Category {
        guard let id = UUID(uuidString: try req.parameters.require("categoryID")),
              let category = try await Category.find(id, on: req.campusDB) else { throw Problem.notFound("The category") }
        return category
    }

    package static func track(_ req: Request) async throws -> Track {
        guard let id = UUID(uuidString: try req.parameters.require("trackID")),
              let track = try await Track.find(id, on: req.campusDB) else { throw Problem.notFound("The track") }
        return track
    }

    /// The course if the caller manages it. Another author gets 404 for a course they cannot see and
    /// 403 for a published one (whose existence is public anyway).
    package static func managedCourse(_ req: Request, caller: AuthContext) async throws -> Course {
        guard let course = try await CourseDirectory(database: req.campusDB).find(try req.parameters.require("courseRef")) else {
            throw Problem.notFound("The course")
        }
        if CourseDirectory.canManage(course, caller) { return course }
        if course.statusValue == .published { throw Problem.forbidden }
        throw Problem.notFound("The course")
    }
}

/// Publishing needs the course content and every lesson it lists to exist.
package struct PublishCheck {
    package let content: any ContentStore

    package init(content: any ContentStore) {
        self.content = content
    }

    package func require(_ course: Course) async throws {
        guard let document = try await content.get(ContentCollection.courses, id: course.contentID) else {
            throw Problem(.unprocessableEntity, "course-incomplete", title: "Course incomplete",
                          detail: "No course content \"\(course.contentID)\" exists; write it before publishing.",
                          errors: [.init(field: "content_id", message: "no course content \"\(course.contentID)\"")])
        }
        let outline = CourseOutline(document)
        let lessons = try await content.getMany(ContentCollection.lessons, ids: outline.lessonIDs)
        let missing = outline.lessonIDs.filter { lessons[$0] == nil }
        guard missing.isEmpty, !outline.lessonIDs.isEmpty else {
            throw Problem(.unprocessableEntity, "course-incomplete", title: "Course incomplete",
                          detail: outline.lessonIDs.isEmpty ? "The course content lists no lessons."
                              : "Lessons the course lists do not exist: \(missing.joined(separator: ", ")).",
                          errors: missing.map { .init(field: "modules", message: "no lesson \"\($0)\"") })
        }
    }
}
