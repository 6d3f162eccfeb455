import CampusCore
import Foundation
@testable import CampusAccounts
@testable import CampusAdmin
@testable import CampusCatalog
@testable import CampusCompatibility
@testable import CampusLearning
@testable import CampusPlatform
@testable import CampusQuizzes
@testable import CampusServer

/// A small quiz written for tests: two categories, every answer mode, a 10-minute limit.
enum QuizFixtures {
    static func bundle(maxAttempts: Int? = nil, allowSkip: Bool = false, shuffle: Bool = false) -> JSONValue {
        [
            "questions": [
                ["id": "api-1", "category": "api", "type": "case", "question": "Which method is idempotent?",
                 "options": [["value": "a", "text": "POST"], ["value": "b", "text": "PUT"], ["value": "c", "text": "PATCH"]],
                 "weights": ["a": 0, "b": 5, "c": 1]],
                ["id": "api-2", "category": "api", "type": "case", "mode": "multiple", "question": "Which are safe methods?",
                 "options": [["value": "a", "text": "GET"], ["value": "b", "text": "HEAD"], ["value": "c", "text": "DELETE"]],
                 "weights": ["a": 2, "b": 2, "c": -2]],
                ["id": "db-1", "category": "database", "type": "practical", "mode": "text", "question": "Name the property that makes a retry safe.",
                 "accepted": [["answer": "idempotency", "weight": 5], ["answer": "идемпотентность", "weight": 5]]],
            ],
            "quizzes": [[
                "_id": "quiz:fixture", "type": "assessment", "title": "Fixture quiz", "slug": "fixture",
                "duration_minutes": 10, "passing_score": 50,
                "categories": ["api": ["name": "API", "weight": 1.0], "database": ["name": "Databases", "weight": 2.0]],
                "level_config": ["senior": ["min_score": 85], "middle": ["min_score": 50], "junior": ["min_score": 0]],
                "question_ids": ["api-1", "api-2", "db-1"],
                "settings": ["shuffle_questions": .bool(shuffle), "shuffle_options": .bool(shuffle), "show_correct_answers": true,
                             "allow_skip": .bool(allowSkip), "time_limit": nil, "max_attempts": maxAttempts.map { .int(Int64($0)) } ?? .null],
            ]],
        ]
    }

    static var bestAnswers: [String: Any] { ["api-1": "b", "api-2": ["a", "b"], "db-1": "  Idempotency "] }
    static var worstAnswers: [String: Any] { ["api-1": "a", "api-2": ["c"], "db-1": "no idea"] }

    static func load(into campus: TestCampus, maxAttempts: Int? = nil, allowSkip: Bool = false, shuffle: Bool = false) async throws {
        var bundle = ContentBundle()
        try bundle.add(self.bundle(maxAttempts: maxAttempts, allowSkip: allowSkip, shuffle: shuffle), source: "fixture")
        _ = try await ContentImporter(store: campus.app.campus.content).run(bundle)
    }
}
