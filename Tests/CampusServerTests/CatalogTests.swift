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

@Suite("Catalog")
struct CatalogTests {
    @Test("a fresh start has a browsable demo catalog: categories, a track, a published course with its outline", arguments: TestEngine.available)
    func demoCatalog(engine: TestEngine) async throws {
        try await withCampus(engine, configure: { $0.loadDemoContent = true }) { campus in
            let categories = try await campus.request(.GET, "/api/v1/categories")
            #expect(categories.status == .ok)
            let slugs = (categories.jsonObject["items"] as? [[String: Any]] ?? []).compactMap { $0[string: "slug"] }
            #expect(slugs.contains("api"))
            let tracks = try await campus.request(.GET, "/api/v1/tracks?category=api").jsonObject["items"] as? [[String: Any]] ?? []
            let trackID = try #require(tracks.first?[string: "id"])
            let track = try await campus.request(.GET, "/api/v1/tracks/\(trackID)").jsonObject
            #expect((track["courses"] as? [[String: Any]])?.first?[string: "slug"] == "campus-demo")
            let course = try await campus.request(.GET, "/api/v1/courses/campus-demo")
            #expect(course.status == .ok)
            let modules = course.jsonObject["modules"] as? [[String: Any]] ?? []
            #expect(modules.count >= 2)
            let lessons = modules.flatMap { $0["lessons"] as? [[String: Any]] ?? [] }
            #expect(lessons.count >= 6)
            #expect(lessons.contains { $0["preview"] as? Bool == true })
            #expect(course.jsonObject[string: "final_quiz_id"] == "quiz:campus-demo")
            // the same course by content id
            #expect(try await campus.request(.GET, "/api/v1/courses/course:campus-demo").status == .ok)
        }
    }

    @Test("course search finds Russian and English words by prefix, and filters combine", arguments: TestEngine.available)
    func search(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            func titles(_ query: String) async throws -> [String] {
                let response = try await campus.request(.GET, "/api/v1/courses?\(query)")
                #expect(response.status == .ok, "\(query): \(response.body.string)")
                return (response.jsonObject["items"] as? [[String: Any]] ?? []).compactMap { $0[string: "title"] }
            }
            #expect(try await titles("q=%D0%BF%D1%80%D0%BE%D0%B5%D0%BA%D1%82%D0%B8%D1%80") == ["Проектирование REST API"])  // "проектир"
            #expect(try await titles("q=designing") == ["Проектирование REST API"])
            #expect(try await titles("q=%D0%B8%D0%B4%D0%B5%D0%BC%D0%BF%D0%BE%D1%82%D0%B5%D0%BD%D1%82%D0%BD%D0%BE%D1%81%D1%82%D1%8C") == ["Проектирование REST API"])  // идемпотентность
            #expect(try await titles("q=kafka").isEmpty)
            #expect(try await titles("q=rest&level=beginner&category=api").count == 1)
            #expect(try await titles("q=rest&level=expert").isEmpty)
            // hostile text is just words
            #expect(try await titles("q=%22%29%29%20OR%201%3D1%20--").isEmpty)
            let bad = try await campus.request(.GET, "/api/v1/courses?level=guru&category=nope")
            #expect(bad.status == .unprocessableEntity)
            let fields = Set((bad.jsonObject["errors"] as? [[String: Any]] ?? []).compactMap { $0[string: "field"] })
            #expect(fields == ["level"])
            let unknown = try await campus.request(.GET, "/api/v1/courses?category=nope")
            #expect(unknown.status == .ok)
            #expect((unknown.jsonObject["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("drafts are not listed and are 404 to everyone but their managers; the list pages by cursor", arguments: TestEngine.available)
    func visibility(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let author = try await campus.user(.author)
            try await LearningFixtures.load(into: campus, status: .draft, author: author.id)
            let student = try await campus.user()
            #expect(try await campus.request(.GET, "/api/v1/courses/fixture").status == .notFound)
            #expect(try await campus.request(.GET, "/api/v1/courses/fixture", token: student.token).status == .notFound)
            #expect(try await campus.request(.GET, "/api/v1/courses/fixture", token: author.token).status == .ok)
            #expect((try await campus.request(.GET, "/api/v1/courses").jsonObject["items"] as? [Any])?.isEmpty == true)

            for index in 1...5 {
                let course = Course(contentID: "course:paged-\(index)", slug: "paged-\(index)", categoryID: nil, title: "Paged \(index)",
                                    description: nil, level: .beginner, priceCents: nil, currency: nil, authorID: nil)
                course.status = CourseStatus.published.rawValue
                try await course.create(on: campus.app.campusDB)
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await campus.request(.GET, "/api/v1/courses?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")).jsonObject
                seen += (page["items"] as? [[String: Any]] ?? []).compactMap { $0[string: "slug"] }
                cursor = page[string: "next_cursor"]
            } while cursor != nil
            #expect(seen == (1...5).map { "paged-\($0)" })
            #expect(try await campus.request(.GET, "/api/v1/courses?cursor=garbage").status == .unprocessableEntity)
            #expect(try await campus.request(.GET, "/api/v1/courses?limit=1000").status == .unprocessableEntity)
        }
    }

    @Test("a signed-in caller sees their enrollment and progress on the course card", arguments: TestEngine.available)
    func cardWithProgress(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            let student = try await campus.user()
            #expect(try await campus.request(.GET, "/api/v1/courses/fixture", token: student.token).jsonObject["enrollment"] == nil)
            #expect(try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token).status == .created)
            #expect(try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-1/completion", token: student.token).status == .ok)
            let card = try await campus.request(.GET, "/api/v1/courses/fixture", token: student.token).jsonObject
            #expect(card[object: "enrollment"]?[string: "status"] == "active")
            #expect(card[object: "progress"]?["percent"] as? Int == 33)
            #expect(card[object: "progress"]?[string: "next_lesson_id"] == "lesson:fixture-2")
        }
    }
}
