import CampusCore
import FluentKit
import Foundation
import Testing
@testable import CampusAccounts
@testable import CampusAdmin
@testable import CampusCatalog
@testable import CampusCompatibility
@testable import CampusLearning
@testable import CampusPlatform
@testable import CampusQuizzes
@testable import CampusServer

/// A course written for tests: two modules, three lessons (the first a preview), a final quiz (the
/// quiz fixture), Russian and English text.
enum LearningFixtures {
    static let courseContentID = "course:fixture"
    static let lessons = ["lesson:fixture-1", "lesson:fixture-2", "lesson:fixture-3"]

    static func bundle(finalQuiz: Bool = true) -> JSONValue {
        var course: JSONObject = [
            "_id": "course:fixture", "title": "Проектирование REST API", "level": "Beginner",
            "description": "Designing resources, идемпотентность and errors.",
            "modules": [
                ["id": "m1", "title": "Basics", "order": 1, "lessons": ["lesson:fixture-1", "lesson:fixture-2"]],
                ["id": "m2", "title": "Practice", "order": 2, "lessons": ["lesson:fixture-3"]],
            ],
        ]
        if finalQuiz { course["final_quiz_id"] = "quiz:fixture" }
        return [
            "courses": [.object(course)],
            "lessons": [
                ["_id": "lesson:fixture-1", "course_id": "course:fixture", "title": "Введение", "preview": true,
                 "content_mdx": "# Hello", "blocks": [["type": "callout", "data": ["text": "Hi"]]]],
                ["_id": "lesson:fixture-2", "course_id": "course:fixture", "title": "Resources", "content_mdx": "## Resources",
                 "blocks": [["type": "code", "data": ["language": "http", "code": "GET /orders"]]]],
                ["_id": "lesson:fixture-3", "course_id": "course:fixture", "title": "Errors", "content_mdx": "## Errors"],
            ],
        ]
    }

    /// Loads the quiz fixture and the course content, and creates the course row (published by default).
    @discardableResult
    static func load(into campus: TestCampus, status: CourseStatus = .published, priceCents: Int? = nil,
                     author: UUID? = nil, finalQuiz: Bool = true, category: String? = "api") async throws -> Course {
        try await QuizFixtures.load(into: campus)
        var bundle = ContentBundle()
        try bundle.add(self.bundle(finalQuiz: finalQuiz), source: "fixture")
        _ = try await ContentImporter(store: campus.app.campus.content).run(bundle)
        let database = campus.app.campusDB
        var categoryID: UUID?
        if let category {
            let row = try await Category.query(on: database).filter(\.$slug == category).first() ?? Category(name: category.uppercased(), slug: category, by: nil)
            if !row.$id.exists { try await row.create(on: database) }
            categoryID = row.id
        }
        let course = Course(contentID: courseContentID, slug: "fixture", categoryID: categoryID, title: "Проектирование REST API",
                            description: "Designing resources, идемпотентность and errors.", level: .beginner,
                            priceCents: priceCents, currency: priceCents == nil ? nil : "RUB", authorID: author)
        course.status = status.rawValue
        try await course.create(on: database)
        return course
    }
}

extension TestCampus {
    /// Registers a user with the given role and returns (access token, user id).
    func user(_ role: Role = .student, email: String? = nil) async throws -> (token: String, id: UUID) {
        let body = try await register(email: email ?? "\(role.rawValue)-\(UUID().uuidString.prefix(8))@example.com")
        let token = try #require(body[string: "access_token"])
        let rawID = try #require(body[object: "user"]?[string: "id"])
        let id = try #require(UUID(uuidString: rawID))
        if role != .student {
            try await User.query(on: app.campusDB).filter(\.$id == id).set(\.$role, to: role.rawValue).update()
        }
        return (token, id)
    }
}
