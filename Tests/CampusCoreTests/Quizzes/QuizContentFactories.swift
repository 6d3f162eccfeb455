import Foundation
@testable import CampusCore

/// Small builders for quiz content, so each test states only what it is about.
enum QuizContentFactories {
    /// A single-choice bank question as stored, with four options a–d.
    static func questionDocument(id: String = "doc1", weights: [String: JSONValue] = ["a": 4, "b": 5, "c": 2, "d": 0]) -> JSONObject {
        [
            "id": .string(id),
            "category": "documentation",
            "type": "case",
            "question": "Which document should the team write first?",
            "options": [
                ["value": "a", "text": "A glossary"],
                ["value": "b", "text": "An OpenAPI description"],
                ["value": "c", "text": "A user manual"],
                ["value": "d", "text": "Nothing yet"],
            ],
            "weights": .object(weights),
        ]
    }

    static func textQuestionDocument() -> JSONObject {
        [
            "id": "api-text-1",
            "category": "api",
            "mode": "text",
            "question": "What is the property of PUT that makes retries safe?",
            "accepted": [
                ["answer": "идемпотентность", "weight": 5],
                ["answer": "idempotency", "weight": 5],
                ["answer": "safety", "weight": 1],
            ],
        ]
    }

    /// A quiz document as stored, with two categories, five levels and settings.
    static func quizDocument() -> JSONObject {
        [
            "_id": "quiz:system-analyst-assessment",
            "type": "assessment",
            "title": "System analyst assessment",
            "description": "Where you stand as a system analyst",
            "slug": "system-analyst-assessment",
            "level": "all",
            "duration_minutes": 60,
            "passing_score": 50,
            "categories": [
                "documentation": ["name": "Documentation", "icon": "📄", "weight": 1],
                "api": ["name": "API Design", "icon": "🔌", "weight": 1.1, "description": "REST, versioning, errors"],
            ],
            "level_config": [
                "senior": ["min_score": 85, "icon": "🏆", "description": "Leads the analysis", "next_level": "lead_architect", "min_years": "5+"],
                "middle_plus": ["min_score": 70],
                "middle": ["min_score": 55],
                "junior_plus": ["min_score": 40],
                "junior": ["min_score": 0],
            ],
            "question_ids": ["doc1", "api1"],
            "settings": [
                "shuffle_questions": false,
                "shuffle_options": false,
                "show_correct_answers": true,
                "allow_skip": false,
                "time_limit": nil,
                "max_attempts": nil,
            ],
        ]
    }

    /// A single-choice question whose best option "a" is worth 100 and option "b" is worth `percent`,
    /// so answering "b" scores exactly `percent` % in its category.
    static func question(worth percent: Double, id: String, category: String) -> Question {
        Question(
            id: id, category: category, mode: .single, text: "Question \(id)",
            options: [QuestionOption(value: "a", text: "Best \(id)"), QuestionOption(value: "b", text: "Partial \(id)")],
            weights: ["a": 100, "b": percent]
        )
    }

    /// A question with options named after the weights' keys (sorted), e.g. `["a": 4, "b": -1]`.
    static func choiceQuestion(
        id: String = "q1", category: String = "api", mode: AnswerMode = .single, weights: [String: Double]
    ) -> Question {
        Question(
            id: id, category: category, mode: mode, text: "Question \(id)",
            options: weights.keys.sorted().map { QuestionOption(value: $0, text: "Option \($0) of \(id)") },
            weights: weights
        )
    }

    static func textQuestion(id: String = "t1", category: String = "api", accepted: [AcceptedAnswer]) -> Question {
        Question(id: id, category: category, mode: .text, text: "Question \(id)", accepted: accepted)
    }

    static let standardLevels = [
        QuizLevel(key: "junior", minScore: 0),
        QuizLevel(key: "junior_plus", minScore: 40),
        QuizLevel(key: "middle", minScore: 55),
        QuizLevel(key: "middle_plus", minScore: 70),
        QuizLevel(key: "senior", minScore: 85, nextLevel: "lead_architect", minYears: "5+"),
    ]

    static func quiz(
        categories: [QuizCategory] = [],
        levels: [QuizLevel] = standardLevels,
        passingScore: Double = 50,
        questionIDs: [String] = [],
        settings: QuizSettings = QuizSettings()
    ) -> Quiz {
        Quiz(
            id: "quiz:test", title: "Test quiz", passingScore: passingScore, categories: categories,
            levels: levels, questionIDs: questionIDs, settings: settings
        )
    }

    /// The document with `edit` applied, so a broken variant reads as one change to a valid one.
    static func editing(_ document: JSONObject, _ edit: (inout JSONObject) -> Void) -> JSONObject {
        var copy = document
        edit(&copy)
        return copy
    }

    /// The issues a question document produces, or [] when it parses.
    static func issues(ofQuestion document: JSONObject, path: String = "questions[17]") -> [ContentIssue] {
        do {
            _ = try QuizContentParser.parseQuestion(document, path: path)
            return []
        } catch {
            return error.issues
        }
    }

    /// The issues a quiz document produces, or [] when it parses.
    static func issues(ofQuiz document: JSONObject, path: String = "quizzes[0]") -> [ContentIssue] {
        do {
            _ = try QuizContentParser.parseQuiz(document, path: path)
            return []
        } catch {
            return error.issues
        }
    }
}
