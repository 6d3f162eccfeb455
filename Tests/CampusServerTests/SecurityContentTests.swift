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

/// The content holes a hostile author found (issue 19, items 2, 6, 7, 11): each test failed before its fix.
@Suite("Security: content")
struct SecurityContentTests {
    @Test("an author cannot point a course card at another author's content, by POST or PATCH", arguments: TestEngine.available)
    func contentTakeover(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let first = try await campus.user(.author)
            let second = try await campus.user(.author)
            #expect(try await campus.request(.PUT, "/api/v1/content/courses/course:first", json: [
                "title": "First's", "modules": []], token: first.token).status == .created)
            let own = try await campus.request(.POST, "/api/v1/courses", json: [
                "content_id": "course:second", "title": "Second's", "level": "beginner"], token: second.token)
            #expect(own.status == .created)
            let takeover = try await campus.request(.PATCH, "/api/v1/courses/second", json: ["content_id": "course:first"], token: second.token)
            #expect(takeover.status == .forbidden)
            #expect(takeover.problemType == "https://campus.dev/problems/not-your-content")
            #expect(try await Course.query(on: campus.app.campusDB).filter(\.$contentID == "course:first").count() == 0)
            // the rightful author can still give their content a card
            let card = try await campus.request(.POST, "/api/v1/courses", json: [
                "content_id": "course:first", "title": "First's", "level": "beginner"], token: first.token)
            #expect(card.status == .created)
            // content nobody wrote yet may still be claimed, and an admin may point at anything
            #expect(try await campus.request(.PATCH, "/api/v1/courses/second", json: ["content_id": "course:second-v2"], token: second.token).status == .ok)
            let admin = try await campus.user(.admin)
            #expect(try await campus.request(.PATCH, "/api/v1/courses/second", json: ["content_id": "course:second"], token: admin.token).status == .ok)
        }
    }

    @Test("no author reads the public test's answer keys, even through a quiz of their own", arguments: TestEngine.available)
    func publicAnswerKeys(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await QuizFixtures.load(into: campus)   // imported by an admin: no author
            let author = try await campus.user(.author)
            let quiz: [String: Any] = ["type": "assessment", "title": "Mine", "passing_score": 50,
                                       "categories": ["api": ["name": "API", "weight": 1]],
                                       "level_config": ["junior": ["min_score": 0]], "question_ids": ["api-1"],
                                       "settings": ["show_correct_answers": true]]
            let put = try await campus.request(.PUT, "/api/v1/content/quizzes/quiz:borrowed", json: quiz, token: author.token)
            #expect(put.status == .unprocessableEntity)
            let question = try await campus.request(.GET, "/api/v1/content/questions/api-1", token: author.token)
            #expect(question.status == .ok)
            #expect(question.jsonObject["weights"] == nil)
            let admin = try await campus.user(.admin)
            #expect(try await campus.request(.GET, "/api/v1/content/questions/api-1", token: admin.token).jsonObject["weights"] != nil)
        }
    }

    @Test("another author reads a paid course's lessons only on a learner's terms", arguments: TestEngine.available)
    func paidLessons(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let owner = try await campus.user(.author)
            try await LearningFixtures.load(into: campus, priceCents: 99_000, author: owner.id)
            let other = try await campus.user(.author)
            #expect(try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: other.token).status == .paymentRequired)
            let paid = try await campus.request(.GET, "/api/v1/content/lessons/lesson:fixture-2", token: other.token)
            #expect(paid.status == .forbidden)
            #expect(paid.jsonObject["content_mdx"] == nil)
            #expect(try await campus.request(.GET, "/api/v1/content/lessons/lesson:fixture-1", token: other.token).status == .ok)
            #expect(try await campus.request(.GET, "/api/v1/content/lessons/lesson:fixture-2", token: owner.token).status == .ok)
        }
    }

    @Test("an admin reads a draft course's content", arguments: TestEngine.available)
    func adminReadsDrafts(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let author = try await campus.user(.author)
            try await LearningFixtures.load(into: campus, status: .draft, author: author.id)
            let admin = try await campus.user(.admin)
            let read = try await campus.request(.GET, "/api/v1/content/courses/course:fixture", token: admin.token)
            #expect(read.status == .ok)
            #expect(read.jsonObject[string: "_id"] == "course:fixture")
            let other = try await campus.user(.author)
            #expect(try await campus.request(.GET, "/api/v1/content/courses/course:fixture", token: other.token).status == .notFound)
        }
    }
}
