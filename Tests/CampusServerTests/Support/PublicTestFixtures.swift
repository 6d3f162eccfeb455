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

/// A public test shaped like the replaced service's: its five levels with display names made from
/// their keys, categories with fractional weights, single-choice questions worth up to 5 points.
enum PublicTestFixtures {
    static let levels: JSONValue = [
        "junior": ["min_score": 0, "description": "Основы", "next_level": "junior_plus", "min_years": "0-1"],
        "junior_plus": ["min_score": 40, "description": "Уверенные основы", "next_level": "middle", "min_years": "1-2"],
        "middle": ["min_score": 55, "description": "Самостоятельная работа", "next_level": "middle_plus", "min_years": "2-3"],
        "middle_plus": ["min_score": 70, "description": "Сложные задачи", "next_level": "senior", "min_years": "3-5"],
        "senior": ["min_score": 85, "description": "Архитектура решений", "next_level": "lead_architect", "min_years": "5+"],
    ]

    static func question(_ id: String, _ category: String) -> JSONValue {
        ["id": .string(id), "category": .string(category), "type": "case", "question": .string("Вопрос \(id)?"),
         "options": [["value": "a", "text": "Лучший"], ["value": "b", "text": "Неплохой"], ["value": "c", "text": "Слабый"],
                     ["value": "d", "text": "Неверный"]],
         "weights": ["a": 5, "b": 2, "c": 1, "d": 0]]
    }

    /// `quiz:public`: documentation (8 questions, weight 1), api (4, weight 1.1), database (2, weight 1.2),
    /// listed in that order, and an undescribed order of keys in the document.
    static var bundle: JSONValue {
        let documentation = (1...8).map { "doc\($0)" }
        let api = (1...4).map { "api\($0)" }
        let database = ["db1", "db2"]
        return [
            "questions": .array(documentation.map { question($0, "documentation") } + api.map { question($0, "api") }
                                + database.map { question($0, "database") }),
            "quizzes": [[
                "_id": "quiz:public", "type": "assessment", "title": "Системный аналитик", "passing_score": 55,
                "categories": [
                    "api": ["name": "API", "weight": 1.1],
                    "database": ["name": "Базы данных", "weight": 1.2],
                    "documentation": ["name": "Документация", "weight": 1],
                ],
                "level_config": levels,
                "question_ids": .array((documentation + api + database).map(JSONValue.string)),
                "settings": ["shuffle_questions": false, "shuffle_options": false, "show_correct_answers": true,
                             "allow_skip": false],
            ], [
                // Two equally weighted categories, so a mean of 65 % and 70 % is 67.5.
                "_id": "quiz:halves", "type": "assessment", "title": "Половинки", "passing_score": 55,
                "categories": ["api": ["name": "API"], "database": ["name": "Базы данных"]],
                "level_config": levels,
                "question_ids": .array((api + database).map(JSONValue.string)),
                "settings": ["allow_skip": true],
            ]],
        ]
    }

    static func load(into campus: TestCampus) async throws {
        var content = ContentBundle()
        try content.add(bundle, source: "public-test")
        _ = try await ContentImporter(store: campus.app.campus.content).run(content)
    }

    /// 13 of documentation's 40 points (32.5 % → 32, half to even), 13 of api's 20 (65 %), 7 of
    /// database's 10 (70 %).
    static var roundingAnswers: [String: Any] {
        ["doc1": "a", "doc2": "a", "doc3": "b", "doc4": "c", "doc5": "d", "doc6": "d", "doc7": "d", "doc8": "d",
         "api1": "a", "api2": "a", "api3": "b", "api4": "c", "db1": "a", "db2": "b"]
    }
}
