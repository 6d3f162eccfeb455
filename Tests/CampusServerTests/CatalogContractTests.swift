import CampusCore
import FluentKit
import Foundation
import Testing
import VaporTesting
@testable import CampusAccounts
@testable import CampusAdmin
@testable import CampusCatalog
@testable import CampusCompatibility
@testable import CampusLearning
@testable import CampusPlatform
@testable import CampusQuizzes
@testable import CampusServer

@Suite("Catalog list contract")
struct CatalogContractTests {
    static func publish(_ slug: String, title: String, on database: any Database) async throws -> Course {
        let course = Course(contentID: "course:\(slug)", slug: slug, categoryID: nil, title: title, description: nil,
                            level: .beginner, priceCents: nil, currency: nil, authorID: nil)
        course.status = CourseStatus.published.rawValue
        try await course.create(on: database)
        return course
    }

    @Test("paging while courses are added concurrently neither repeats nor skips a course", arguments: TestEngine.available)
    func stableOrder(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            var existing: [String] = []
            for index in 0..<9 {
                existing.append(try await Self.publish("before-\(index)", title: "Before \(index)", on: campus.app.campusDB).slug)
            }
            var seen: [String] = []
            var cursor: String?
            var added = 0
            repeat {
                let path = "/api/v1/courses?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let slug = "during-\(added)"
                async let page = campus.request(.GET, path)
                async let insert = Self.publish(slug, title: "During", on: campus.app.campusDB)
                let (response, _) = try await (page, insert)
                added += 1
                let body = response.jsonObject
                seen += (body["items"] as? [[String: Any]] ?? []).compactMap { $0[string: "slug"] }
                cursor = body[string: "next_cursor"]
            } while cursor != nil && added < 40
            #expect(Set(seen).count == seen.count, "a course appeared twice: \(seen)")
            #expect(Array(seen.prefix(existing.count)) == existing)
        }
    }

    @Test("a list shows a change made through this instance at once, and one made behind it within the cache's lifetime",
          arguments: TestEngine.available)
    func listsFollowChanges(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let admin = try await campus.user(.admin)
            _ = try await Self.publish("kept", title: "Kept first", on: campus.app.campusDB)
            func titles(_ path: String) async throws -> [String] {
                let items = try await campus.request(.GET, path).jsonObject["items"] as? [[String: Any]] ?? []
                return items.compactMap { $0[string: "title"] }
            }
            #expect(try await titles("/api/v1/courses") == ["Kept first"])
            #expect(try await titles("/api/v1/courses?q=first") == ["Kept first"])

            #expect(try await campus.request(.PATCH, "/api/v1/courses/kept", json: ["title": "Kept second"], token: admin.token).status == .ok)
            #expect(try await titles("/api/v1/courses") == ["Kept second"])
            #expect(try await titles("/api/v1/courses?q=first") == [])
            #expect(try await titles("/api/v1/courses?q=second") == ["Kept second"])

            // Behind this instance (another instance, or SQL): seen once the kept page ages out.
            try await campus.app.campusDB.sqlRaw("UPDATE courses SET title = 'Kept third' WHERE slug = 'kept'")
            #expect(try await titles("/api/v1/courses") == ["Kept second"])
            campus.clock.advance(by: CatalogCache.lifetime)
            #expect(try await titles("/api/v1/courses") == ["Kept third"])
        }
    }

    @Test("soft-deleted courses, categories and tracks never appear", arguments: TestEngine.available)
    func softDeleted(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let admin = try await campus.user(.admin)
            let course = try await LearningFixtures.load(into: campus)
            let student = try await campus.user()
            _ = try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token)
            let track = try await campus.request(.POST, "/api/v1/tracks", json: ["name": "Path", "course_ids": [course.id!.wireString]], token: admin.token)
            let trackID = try #require(track.jsonObject[string: "id"])

            #expect(try await campus.request(.DELETE, "/api/v1/courses/fixture", token: admin.token).status == .noContent)
            #expect((try await campus.request(.GET, "/api/v1/courses").jsonObject["items"] as? [Any])?.isEmpty == true)
            #expect((try await campus.request(.GET, "/api/v1/courses?q=rest").jsonObject["items"] as? [Any])?.isEmpty == true)
            #expect(try await campus.request(.GET, "/api/v1/courses/fixture").status == .notFound)
            #expect((try await campus.request(.GET, "/api/v1/tracks/\(trackID)").jsonObject["courses"] as? [Any])?.isEmpty == true)
            #expect(try await campus.request(.GET, "/api/v1/lessons/lesson:fixture-2", token: student.token).status == .notFound)
            #expect((try await campus.request(.GET, "/api/v1/users/me/dashboard", token: student.token).jsonObject["enrollments"] as? [Any])?.isEmpty == true)
            // the row is still there for the record, and its slug is free again
            #expect(try await Course.query(on: campus.app.campusDB).withDeleted().count() == 1)
            _ = try await CatalogContractTests.publish("fixture", title: "Second life", on: campus.app.campusDB)
            #expect(try await campus.request(.GET, "/api/v1/courses/fixture").jsonObject[object: "course"]?[string: "title"] == "Second life")

            let category = try #require(course.categoryID).wireString
            #expect(try await campus.request(.DELETE, "/api/v1/categories/\(category)", token: admin.token).status == .noContent)
            let categories = try await campus.request(.GET, "/api/v1/categories").jsonObject["items"] as? [[String: Any]] ?? []
            #expect(!categories.contains { $0[string: "id"] == category })
            #expect(try await campus.request(.DELETE, "/api/v1/tracks/\(trackID)", token: admin.token).status == .noContent)
            #expect(try await campus.request(.GET, "/api/v1/tracks/\(trackID)").status == .notFound)
            #expect((try await campus.request(.GET, "/api/v1/tracks").jsonObject["items"] as? [Any])?.isEmpty == true)
        }
    }
}
