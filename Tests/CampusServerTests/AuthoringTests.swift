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

@Suite("Authoring and admin")
struct AuthoringTests {
    @Test("an author writes content, creates a draft, cannot publish it incomplete, then publishes", arguments: TestEngine.available)
    func authorFlow(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let author = try await campus.user(.author)
            let admin = try await campus.user(.admin)
            let category = try await campus.request(.POST, "/api/v1/categories", json: ["name": "Базы данных", "slug": "database"], token: admin.token)
            #expect(category.status == .created)
            #expect(try await campus.request(.POST, "/api/v1/categories", json: ["name": "Dup", "slug": "database"], token: admin.token).status == .conflict)
            #expect(try await campus.request(.POST, "/api/v1/categories", json: ["name": "X", "slug": "x"], token: author.token).status == .forbidden)

            let created = try await campus.request(.POST, "/api/v1/courses", json: [
                "content_id": "course:sql-basics", "title": "Основы SQL", "description": "Запросы и индексы",
                "level": "beginner", "category_id": "database",
            ], token: author.token)
            #expect(created.status == .created, "\(created.body.string)")
            #expect(created.jsonObject[string: "status"] == "draft")
            #expect(created.jsonObject[string: "slug"] == "sql-basics")

            let incomplete = try await campus.request(.PATCH, "/api/v1/courses/sql-basics", json: ["status": "published"], token: author.token)
            #expect(incomplete.status == .unprocessableEntity)
            #expect(incomplete.problemType == "https://campus.dev/problems/course-incomplete")

            // content with a module listing a lesson that does not exist is refused whole
            let badCourse = try await campus.request(.PUT, "/api/v1/content/courses/course:sql-basics", json: [
                "title": "Основы SQL", "modules": [["id": "m1", "title": "Select", "order": 1, "lessons": ["lesson:sql-1"]]],
            ], token: author.token)
            #expect(badCourse.status == .unprocessableEntity)
            #expect((badCourse.jsonObject["errors"] as? [[String: Any]])?.first?[string: "field"] == "modules[0].lessons[0]")
            #expect(try await campus.app.campus.content.get(ContentCollection.courses, id: "course:sql-basics") == nil)

            let lesson = try await campus.request(.PUT, "/api/v1/content/lessons/lesson:sql-1", json: [
                "course_id": "course:sql-basics", "title": "SELECT", "content_mdx": "# SELECT",
            ], token: author.token)
            #expect(lesson.status == .created, "\(lesson.body.string)")
            let course = try await campus.request(.PUT, "/api/v1/content/courses/course:sql-basics", json: [
                "title": "Основы SQL", "modules": [["id": "m1", "title": "Select", "order": 1, "lessons": ["lesson:sql-1"]]],
            ], token: author.token)
            #expect(course.status == .created, "\(course.body.string)")
            #expect(try await campus.request(.PUT, "/api/v1/content/courses/course:sql-basics", json: [
                "title": "Основы SQL 2", "modules": [["id": "m1", "title": "Select", "order": 1, "lessons": ["lesson:sql-1"]]],
            ], token: author.token).status == .ok)

            let published = try await campus.request(.PATCH, "/api/v1/courses/sql-basics", json: ["status": "published"], token: author.token)
            #expect(published.status == .ok, "\(published.body.string)")
            #expect(published.jsonObject[string: "published_at"] != nil)
            let wrongMove = try await campus.request(.PATCH, "/api/v1/courses/sql-basics", json: ["status": "draft"], token: author.token)
            #expect(wrongMove.status == .unprocessableEntity)
            #expect(try await campus.request(.PATCH, "/api/v1/courses/sql-basics", json: ["status": "archived"], token: author.token).status == .ok)
            #expect(try await campus.request(.PATCH, "/api/v1/courses/sql-basics", json: ["status": "draft"], token: author.token).status == .ok)
        }
    }

    @Test("optional content fields may be null, meaning absent, as the OpenAPI document says", arguments: TestEngine.available)
    func nullOptionalFields(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let author = try await campus.user(.author)
            let lesson = try await campus.request(.PUT, "/api/v1/content/lessons/lesson:nulls-1", json: [
                "title": "Nulls", "course_id": "course:nulls", "content_mdx": NSNull(), "quiz_id": NSNull(), "preview": NSNull(),
            ], token: author.token)
            #expect(lesson.status == .created, "\(lesson.body.string)")
            let course = try await campus.request(.PUT, "/api/v1/content/courses/course:nulls", json: [
                "title": "Nulls", "description": NSNull(), "level": NSNull(), "final_quiz_id": NSNull(),
                "modules": [["id": "m1", "title": NSNull(), "order": NSNull(), "lessons": ["lesson:nulls-1"]],
                            ["id": "m2", "lessons": NSNull()]],
            ], token: author.token)
            #expect(course.status == .created, "\(course.body.string)")
            #expect(course.jsonObject["final_quiz_id"] is NSNull)
            // What was accepted and echoed, the document must allow (schemathesis checks every answer against it).
            let schemas = try #require((try await campus.request(.GET, "/api/v1/openapi.json").jsonObject[object: "components"])?[object: "schemas"])
            func allowsNull(_ schema: [String: Any]?, _ field: String) -> Bool {
                ((schema?[object: "properties"]?[object: field]?["type"]) as? [String])?.contains("null") == true
            }
            let lessonSchema = schemas[object: "LessonContent"]
            let courseSchema = schemas[object: "CourseContent"]
            let moduleSchema = courseSchema?[object: "properties"]?[object: "modules"]?[object: "items"]
            for field in ["content_mdx", "quiz_id", "preview"] { #expect(allowsNull(lessonSchema, field), "lesson \(field)") }
            for field in ["description", "level", "final_quiz_id"] { #expect(allowsNull(courseSchema, field), "course \(field)") }
            for field in ["title", "order", "lessons"] { #expect(allowsNull(moduleSchema, field), "module \(field)") }
        }
    }

    @Test("authors manage only their own courses and content", arguments: TestEngine.available)
    func ownership(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let owner = try await campus.user(.author)
            let other = try await campus.user(.author)
            let admin = try await campus.user(.admin)
            try await LearningFixtures.load(into: campus, status: .draft, author: owner.id)
            #expect(try await campus.request(.PATCH, "/api/v1/courses/fixture", json: ["title": "Mine now"], token: other.token).status == .notFound)
            #expect(try await campus.request(.PUT, "/api/v1/content/lessons/lesson:fixture-2", json: [
                "course_id": "course:fixture", "title": "Hijacked",
            ], token: other.token).status == .forbidden)
            #expect(try await campus.request(.GET, "/api/v1/content/lessons/lesson:fixture-2", token: other.token).status == .notFound)
            #expect(try await campus.request(.GET, "/api/v1/content/courses/course:fixture", token: owner.token).status == .ok)
            // content another author wrote cannot be claimed by a catalog card or overwritten
            #expect(try await campus.request(.PUT, "/api/v1/content/lessons/lesson:draft-1", json: [
                "course_id": "course:drafting", "title": "One"], token: owner.token).status == .created)
            #expect(try await campus.request(.PUT, "/api/v1/content/courses/course:drafting", json: [
                "title": "Drafting", "modules": [["id": "m1", "title": "M", "order": 1, "lessons": ["lesson:draft-1"]]]], token: owner.token).status == .created)
            #expect(try await campus.request(.PUT, "/api/v1/content/courses/course:drafting", json: [
                "title": "Taken", "modules": []], token: other.token).status == .forbidden)
            #expect(try await campus.request(.POST, "/api/v1/courses", json: [
                "content_id": "course:drafting", "title": "Taken", "level": "Beginner"], token: other.token).status == .forbidden)
            #expect(try await campus.request(.GET, "/api/v1/content/courses/course:drafting", token: other.token).status == .notFound)
            #expect(try await campus.request(.PATCH, "/api/v1/courses/fixture", json: ["title": "Renamed"], token: owner.token).status == .ok)
            #expect(try await campus.request(.PATCH, "/api/v1/courses/fixture", json: ["status": "published"], token: admin.token).status == .ok)
            // another author reads a published course's lessons on a learner's terms: the preview, or enrolled
            #expect(try await campus.request(.GET, "/api/v1/content/lessons/lesson:fixture-1", token: other.token).status == .ok)
            #expect(try await campus.request(.GET, "/api/v1/content/lessons/lesson:fixture-2", token: other.token).status == .forbidden)
            #expect(try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: other.token).status == .created)
            #expect(try await campus.request(.GET, "/api/v1/content/lessons/lesson:fixture-2", token: other.token).status == .ok)
            #expect(try await campus.request(.PATCH, "/api/v1/courses/fixture", json: ["title": "Mine now"], token: other.token).status == .forbidden)
            let student = try await campus.user()
            #expect(try await campus.request(.PATCH, "/api/v1/courses/fixture", json: ["title": "x"], token: student.token).status == .forbidden)
            #expect(try await campus.request(.GET, "/api/v1/content/questions/api-1", token: student.token).status == .forbidden)
        }
    }

    @Test("answer keys are shown to the question's author and admins, never to other authors, not even through a quiz", arguments: TestEngine.available)
    func answerKeys(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let owner = try await campus.user(.author)
            let other = try await campus.user(.author)
            let question: [String: Any] = ["category": "api", "type": "case", "question": "PUT or POST?",
                                           "options": [["value": "a", "text": "PUT"], ["value": "b", "text": "POST"]],
                                           "weights": ["a": 5, "b": 0]]
            #expect(try await campus.request(.PUT, "/api/v1/content/questions/q-own", json: question, token: owner.token).status == .created)
            #expect(try await campus.request(.GET, "/api/v1/content/questions/q-own", token: owner.token).jsonObject["weights"] != nil)
            let seen = try await campus.request(.GET, "/api/v1/content/questions/q-own", token: other.token)
            #expect(seen.status == .ok)
            #expect(seen.jsonObject["weights"] == nil)
            #expect(try await campus.request(.PUT, "/api/v1/content/questions/q-own", json: question, token: other.token).status == .forbidden)
            // a quiz of the other author's may not ask it: showing correct answers would reveal the key
            let quiz: [String: Any] = ["type": "assessment", "title": "Mine", "passing_score": 50,
                                       "categories": ["api": ["name": "API", "weight": 1]],
                                       "level_config": ["junior": ["min_score": 0]], "question_ids": ["q-own"]]
            let refused = try await campus.request(.PUT, "/api/v1/content/quizzes/quiz:others", json: quiz, token: other.token)
            #expect(refused.status == .unprocessableEntity, "\(refused.body.string)")
            #expect((refused.jsonObject["errors"] as? [[String: Any]])?.first?[string: "field"] == "question_ids[0]")
            #expect(try await campus.request(.GET, "/api/v1/content/questions/q-own", token: other.token).jsonObject["weights"] == nil)
            #expect(try await campus.request(.PUT, "/api/v1/content/quizzes/quiz:own", json: quiz, token: owner.token).status == .created)
            var broken = question
            broken["weights"] = ["a": 5]
            let invalid = try await campus.request(.PUT, "/api/v1/content/questions/q-own", json: broken, token: owner.token)
            #expect(invalid.status == .unprocessableEntity)
            #expect(try await campus.request(.GET, "/api/v1/content/questions/q-own", token: owner.token).jsonObject[object: "weights"]?["b"] as? Int == 0)
            #expect(try await campus.request(.PUT, "/api/v1/content/quizzes/not-a-quiz", json: ["title": "x"], token: owner.token).status == .unprocessableEntity)
            #expect(try await campus.request(.PUT, "/api/v1/content/quizzes/quiz:x", rawBody: "[1,", token: owner.token).status == .unprocessableEntity)
        }
    }

    @Test("tracks keep the order admins give their courses", arguments: TestEngine.available)
    func trackOrder(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let admin = try await campus.user(.admin)
            var ids: [String] = []
            for index in 1...3 {
                let course = Course(contentID: "course:t-\(index)", slug: "t-\(index)", categoryID: nil, title: "T\(index)",
                                    description: nil, level: .beginner, priceCents: nil, currency: nil, authorID: nil)
                course.status = CourseStatus.published.rawValue
                try await course.create(on: campus.app.campusDB)
                ids.append(course.id!.wireString)
            }
            let track = try await campus.request(.POST, "/api/v1/tracks", json: ["name": "Path", "course_ids": [ids[2], ids[0]]], token: admin.token)
            #expect(track.status == .created, "\(track.body.string)")
            #expect((track.jsonObject["courses"] as? [[String: Any]])?.compactMap { $0[string: "slug"] } == ["t-3", "t-1"])
            let trackID = try #require(track.jsonObject[string: "id"])
            let reordered = try await campus.request(.PUT, "/api/v1/tracks/\(trackID)/courses", json: ["course_ids": [ids[0], ids[1], ids[2]]], token: admin.token)
            #expect((reordered.jsonObject["courses"] as? [[String: Any]])?.compactMap { $0[string: "slug"] } == ["t-1", "t-2", "t-3"])
            let listed = try await campus.request(.GET, "/api/v1/courses?track=\(trackID)").jsonObject["items"] as? [[String: Any]] ?? []
            #expect(listed.count == 3)
            let bad = try await campus.request(.PUT, "/api/v1/tracks/\(trackID)/courses", json: ["course_ids": [ids[0], ids[0], "nope"]], token: admin.token)
            #expect(bad.status == .unprocessableEntity)
            #expect((try await campus.request(.GET, "/api/v1/tracks/\(trackID)").jsonObject["courses"] as? [Any])?.count == 3)
        }
    }

    @Test("admins find users, change roles (not their own), and read the course report", arguments: TestEngine.available)
    func admin(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let admin = try await campus.user(.admin)
            let student = try await campus.user(email: "grace@example.com")
            try await LearningFixtures.load(into: campus)
            let found = try await campus.request(.GET, "/api/v1/admin/users?q=GRACE", token: admin.token).jsonObject["items"] as? [[String: Any]] ?? []
            #expect(found.compactMap { $0[string: "email"] } == ["grace@example.com"])
            #expect((try await campus.request(.GET, "/api/v1/admin/users?q=%25", token: admin.token).jsonObject["items"] as? [Any])?.isEmpty == true)
            let promoted = try await campus.request(.PATCH, "/api/v1/admin/users/\(student.id.wireString)", json: ["role": "author"], token: admin.token)
            #expect(promoted.jsonObject[string: "role"] == "author")
            let authors = try await campus.request(.GET, "/api/v1/admin/users?role=author", token: admin.token).jsonObject["items"] as? [[String: Any]] ?? []
            #expect(authors.count == 1)
            #expect(try await campus.request(.PATCH, "/api/v1/admin/users/\(admin.id.wireString)", json: ["role": "student"], token: admin.token).status == .conflict)
            #expect(try await campus.request(.PATCH, "/api/v1/admin/users/\(student.id.wireString)", json: ["role": "god"], token: admin.token).status == .unprocessableEntity)
            #expect(try await campus.request(.GET, "/api/v1/admin/users", token: student.token).status == .forbidden)

            let learner = try await campus.user()
            _ = try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: learner.token)
            _ = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-1/completion", token: learner.token)
            let attemptID = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: learner.token).jsonObject[string: "attempt_id"])
            _ = try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)/submit", json: ["answers": QuizFixtures.bestAnswers], token: learner.token)
            let report = try await campus.request(.GET, "/api/v1/admin/reports/courses", token: admin.token)
            #expect(report.status == .ok)
            let row = try #require((report.jsonObject["items"] as? [[String: Any]])?.first)
            #expect(row["enrollments"] as? Int == 1)
            #expect(row["active_learners_7d"] as? Int == 1)
            #expect(row["completion_rate"] as? Double == 0)
            #expect(row["quiz_attempts"] as? Int == 1)
            #expect(row["average_score"] as? Double == 100)
            #expect(row["pass_rate"] as? Double == 1)
        }
    }
}
