import Foundation
import Testing
@testable import CampusCore

@Suite("Parsing quiz documents")
struct QuizParserTests {
    typealias F = QuizContentFactories

    @Test("accepts a realistic quiz document")
    func realisticQuiz() throws {
        // given
        let text = #"""
        {"_id":"quiz:system-analyst-assessment","type":"assessment","title":"Оценка системного аналитика",
         "description":"Где вы сейчас","slug":"system-analyst-assessment","level":"all",
         "duration_minutes":60,"passing_score":50,
         "categories":{"api":{"name":"API Design","icon":"🔌","weight":1.1,"description":"REST и ошибки"},
                       "documentation":{"name":"Documentation","icon":"📄","weight":1}},
         "level_config":{"senior":{"min_score":85,"icon":"🏆","description":"Ведёт анализ","next_level":"lead_architect","min_years":"5+"},
                         "middle_plus":{"min_score":70},"middle":{"min_score":55},"junior_plus":{"min_score":40},"junior":{"min_score":0}},
         "question_ids":["doc1","api1","api2"],
         "settings":{"shuffle_questions":true,"shuffle_options":false,"show_correct_answers":false,"allow_skip":true,
                     "time_limit":null,"max_attempts":3},
         "translations":{"en":{"title":"System analyst assessment"}}}
        """#
        let document = try #require(try JSONValue.parse(text).objectValue)

        // when
        let quiz = try QuizContentParser.parseQuiz(document, path: "quizzes[0]")

        // then
        #expect(quiz.id == "quiz:system-analyst-assessment")
        #expect(quiz.type == "assessment")
        #expect(quiz.title == "Оценка системного аналитика")
        #expect(quiz.description == "Где вы сейчас")
        #expect(quiz.slug == "system-analyst-assessment")
        #expect(quiz.level == "all")
        #expect(quiz.durationMinutes == 60)
        #expect(quiz.passingScore == 50)
        #expect(quiz.categories == [
            QuizCategory(key: "api", name: "API Design", icon: "🔌", weight: 1.1, description: "REST и ошибки"),
            QuizCategory(key: "documentation", name: "Documentation", icon: "📄", weight: 1, description: nil),
        ])
        #expect(quiz.levels.map(\.key) == ["senior", "middle_plus", "middle", "junior_plus", "junior"])
        #expect(quiz.levels[0] == QuizLevel(
            key: "senior", minScore: 85, icon: "🏆", description: "Ведёт анализ", nextLevel: "lead_architect", minYears: "5+"
        ))
        #expect(quiz.questionIDs == ["doc1", "api1", "api2"])
        #expect(quiz.settings == QuizSettings(
            shuffleQuestions: true, shuffleOptions: false, showCorrectAnswers: false, allowSkip: true,
            timeLimitMinutes: nil, maxAttempts: 3
        ))
        #expect(quiz.attemptMinutes == 60)
        #expect(quiz.translations?["en"]?["title"] == "System analyst assessment")
    }

    @Test("fills in defaults for what a minimal quiz leaves out")
    func minimalQuiz() throws {
        // given
        let document: JSONObject = ["id": "quiz:mini", "title": "Mini", "question_ids": ["q1"]]

        // when
        let quiz = try QuizContentParser.parseQuiz(document, path: "quizzes[0]")

        // then
        #expect(quiz.id == "quiz:mini")
        #expect(quiz.type == "assessment")
        #expect(quiz.passingScore == 50)
        #expect(quiz.durationMinutes == nil)
        #expect(quiz.attemptMinutes == nil)
        #expect(quiz.categories.isEmpty)
        #expect(quiz.levels.isEmpty)
        #expect(quiz.settings == QuizSettings())
        #expect(quiz.settings.showCorrectAnswers)
        #expect(!quiz.settings.shuffleQuestions && !quiz.settings.shuffleOptions && !quiz.settings.allowSkip)
        #expect(quiz.settings.maxAttempts == nil)
    }

    @Test("treats null fields like absent ones")
    func nullsAreAbsent() throws {
        // given
        let document = F.editing(F.quizDocument()) {
            $0["duration_minutes"] = .null
            $0["passing_score"] = .null
            $0["description"] = .null
            $0["settings"] = ["shuffle_questions": nil, "time_limit": nil, "max_attempts": nil]
        }

        // when
        let quiz = try QuizContentParser.parseQuiz(document, path: "quizzes[0]")

        // then
        #expect(quiz.durationMinutes == nil)
        #expect(quiz.passingScore == 50)
        #expect(quiz.description == nil)
        #expect(quiz.settings == QuizSettings())
    }

    @Test("reads the id from _id before id")
    func storeKeyWins() throws {
        let document = F.editing(F.quizDocument()) { $0["id"] = "quiz:other" }
        #expect(try QuizContentParser.parseQuiz(document, path: "q").id == "quiz:system-analyst-assessment")
    }

    @Test("gives a category without a weight the weight 1")
    func defaultCategoryWeight() throws {
        let document = F.editing(F.quizDocument()) { $0["categories"] = ["api": ["name": "API Design"]] }
        #expect(try QuizContentParser.parseQuiz(document, path: "q").categories == [QuizCategory(key: "api", name: "API Design", weight: 1)])
    }

    @Test("accepts an empty level_config, leaving the quiz without levels")
    func emptyLevels() throws {
        let document = F.editing(F.quizDocument()) { $0["level_config"] = [:] }
        #expect(try QuizContentParser.parseQuiz(document, path: "q").levels.isEmpty)
    }

    @Test("keeps min_years written as a number as its text")
    func numericMinYears() throws {
        let document = F.editing(F.quizDocument()) { $0["level_config"] = ["junior": ["min_score": 0, "min_years": 1]] }
        #expect(try QuizContentParser.parseQuiz(document, path: "q").levels.first?.minYears == "1")
    }

    @Test("accepts the edges of every numeric range", arguments: [
        ("duration_minutes", JSONValue.int(1)), ("duration_minutes", 1440), ("passing_score", 0), ("passing_score", 100),
        ("passing_score", 62.5),
    ])
    func numericEdges(key: String, value: JSONValue) {
        #expect(F.issues(ofQuiz: F.editing(F.quizDocument()) { $0[key] = value }).isEmpty)
    }

    @Test("an attempt lasts time_limit minutes when set, else duration_minutes")
    func attemptMinutes() {
        var quiz = F.quiz()
        quiz.durationMinutes = 60
        #expect(quiz.attemptMinutes == 60)
        quiz.settings.timeLimitMinutes = 25
        #expect(quiz.attemptMinutes == 25)
        quiz.durationMinutes = nil
        #expect(quiz.attemptMinutes == 25)
    }

    @Test("looks categories up by key, inventing a neutral one for an unknown key")
    func categoryLookup() {
        let api = QuizCategory(key: "api", name: "API Design", icon: "🔌", weight: 1.1)
        let quiz = F.quiz(categories: [api])
        #expect(quiz.category("api") == api)
        #expect(quiz.category("security") == QuizCategory(key: "security", name: "security", icon: nil, weight: 1, description: nil))
    }

    @Test("keeps categories sorted by key and levels by threshold, highest first")
    func sortedByConstruction() {
        let quiz = Quiz(
            id: "quiz:x", title: "X",
            categories: [QuizCategory(key: "b", name: "B"), QuizCategory(key: "a", name: "A")],
            levels: [QuizLevel(key: "low", minScore: 0), QuizLevel(key: "high", minScore: 80), QuizLevel(key: "mid", minScore: 50)]
        )
        #expect(quiz.categories.map(\.key) == ["a", "b"])
        #expect(quiz.levels.map(\.key) == ["high", "mid", "low"])
    }

    @Test("reports every problem of a quiz at once")
    func collectsAllIssues() {
        // given
        let document = F.editing(F.quizDocument()) {
            $0["_id"] = "system-analyst-assessment"
            $0["title"] = ""
            $0["passing_score"] = 120
            $0["question_ids"] = ["doc1", "doc1"]
        }

        // then
        #expect(F.issues(ofQuiz: document) == [
            ContentIssue(path: "quizzes[0]._id", message: "must start with \"quiz:\""),
            ContentIssue(path: "quizzes[0].title", message: "must not be empty"),
            ContentIssue(path: "quizzes[0].passing_score", message: "must be a number from 0 to 100"),
            ContentIssue(path: "quizzes[0].question_ids[1]", message: "duplicate question \"doc1\""),
        ])
    }

    static let brokenQuizzes: [ExpectedIssue] = {
        let valid = F.quizDocument()
        let levels = valid["level_config"]!.objectValue!
        func withLevels(_ edit: (inout JSONObject) -> Void) -> JSONObject {
            var edited = levels
            edit(&edited)
            return F.editing(valid) { $0["level_config"] = .object(edited) }
        }
        func withSetting(_ key: String, _ value: JSONValue) -> JSONObject {
            F.editing(valid) { $0["settings"] = .object([key: value]) }
        }
        return [
            ExpectedIssue(F.editing(valid) { $0["_id"] = nil }, "quizzes[0]._id", "is required"),
            ExpectedIssue(F.editing(valid) { $0["_id"] = "" }, "quizzes[0]._id", "must not be empty"),
            ExpectedIssue(F.editing(valid) { $0["_id"] = 12 }, "quizzes[0]._id", "must be a string"),
            ExpectedIssue(F.editing(valid) { $0["_id"] = "assessment" }, "quizzes[0]._id", "must start with \"quiz:\""),
            ExpectedIssue(F.editing(valid) { $0["_id"] = "Quiz:assessment" }, "quizzes[0]._id", "must start with \"quiz:\""),
            ExpectedIssue(F.editing(valid) { $0["_id"] = "quiz:" }, "quizzes[0]._id", "needs a name after \"quiz:\""),
            ExpectedIssue(F.editing(valid) {
                $0["_id"] = nil
                $0["id"] = "assessment"
            }, "quizzes[0].id", "must start with \"quiz:\""),
            ExpectedIssue(F.editing(valid) { $0["title"] = nil }, "quizzes[0].title", "is required"),
            ExpectedIssue(F.editing(valid) { $0["title"] = " " }, "quizzes[0].title", "must not be empty"),
            ExpectedIssue(F.editing(valid) { $0["type"] = 1 }, "quizzes[0].type", "must be a string"),
            ExpectedIssue(F.editing(valid) { $0["slug"] = false }, "quizzes[0].slug", "must be a string"),
            ExpectedIssue(F.editing(valid) { $0["translations"] = [] }, "quizzes[0].translations", "must be an object"),
            ExpectedIssue(F.editing(valid) { $0["passing_score"] = 100.5 }, "quizzes[0].passing_score", "must be a number from 0 to 100"),
            ExpectedIssue(F.editing(valid) { $0["passing_score"] = -1 }, "quizzes[0].passing_score", "must be a number from 0 to 100"),
            ExpectedIssue(F.editing(valid) { $0["passing_score"] = "50" }, "quizzes[0].passing_score", "must be a number from 0 to 100"),
            ExpectedIssue(F.editing(valid) { $0["duration_minutes"] = 0 }, "quizzes[0].duration_minutes",
                          "must be null or a whole number from 1 to 1440"),
            ExpectedIssue(F.editing(valid) { $0["duration_minutes"] = 1441 }, "quizzes[0].duration_minutes",
                          "must be null or a whole number from 1 to 1440"),
            ExpectedIssue(F.editing(valid) { $0["duration_minutes"] = 1.5 }, "quizzes[0].duration_minutes",
                          "must be null or a whole number from 1 to 1440"),
            ExpectedIssue(F.editing(valid) { $0["duration_minutes"] = "60" }, "quizzes[0].duration_minutes",
                          "must be null or a whole number from 1 to 1440"),
            ExpectedIssue(F.editing(valid) { $0["categories"] = ["api"] }, "quizzes[0].categories", "must be an object"),
            ExpectedIssue(F.editing(valid) { $0["categories"] = ["api": "API Design"] }, "quizzes[0].categories.api", "must be an object"),
            ExpectedIssue(F.editing(valid) { $0["categories"] = ["api": ["weight": 1]] }, "quizzes[0].categories.api.name", "is required"),
            ExpectedIssue(F.editing(valid) { $0["categories"] = ["api": ["name": 5]] }, "quizzes[0].categories.api.name", "must be a string"),
            ExpectedIssue(F.editing(valid) { $0["categories"] = ["api": ["name": "API", "icon": 5]] }, "quizzes[0].categories.api.icon",
                          "must be a string"),
            ExpectedIssue(F.editing(valid) { $0["categories"] = ["api": ["name": "API", "weight": 0]] }, "quizzes[0].categories.api.weight",
                          "must be a number above 0"),
            ExpectedIssue(F.editing(valid) { $0["categories"] = ["api": ["name": "API", "weight": -1]] }, "quizzes[0].categories.api.weight",
                          "must be a number above 0"),
            ExpectedIssue(F.editing(valid) { $0["categories"] = ["api": ["name": "API", "weight": "2"]] }, "quizzes[0].categories.api.weight",
                          "must be a number above 0"),
            ExpectedIssue(F.editing(valid) { $0["level_config"] = [] }, "quizzes[0].level_config", "must be an object"),
            ExpectedIssue(withLevels { $0["middle"] = 55 }, "quizzes[0].level_config.middle", "must be an object"),
            ExpectedIssue(withLevels { $0["middle"] = ["icon": "🚀"] }, "quizzes[0].level_config.middle.min_score",
                          "must be a number from 0 to 100"),
            ExpectedIssue(withLevels { $0["middle"] = ["min_score": 101] }, "quizzes[0].level_config.middle.min_score",
                          "must be a number from 0 to 100"),
            ExpectedIssue(withLevels { $0["middle"] = ["min_score": -5] }, "quizzes[0].level_config.middle.min_score",
                          "must be a number from 0 to 100"),
            ExpectedIssue(withLevels { $0["middle"] = ["min_score": "55"] }, "quizzes[0].level_config.middle.min_score",
                          "must be a number from 0 to 100"),
            ExpectedIssue(withLevels { $0["middle"] = ["min_score": 40] }, "quizzes[0].level_config.middle.min_score",
                          "same threshold as \"junior_plus\""),
            ExpectedIssue(withLevels { $0["middle"] = ["min_score": 55, "next_level": 3] }, "quizzes[0].level_config.middle.next_level",
                          "must be a string"),
            ExpectedIssue(withLevels { $0["junior"] = nil }, "quizzes[0].level_config", "no level starts at 0, so low scores get no level"),
            ExpectedIssue(F.editing(valid) { $0["question_ids"] = nil }, "quizzes[0].question_ids", "is required"),
            ExpectedIssue(F.editing(valid) { $0["question_ids"] = "doc1" }, "quizzes[0].question_ids", "must be an array of question ids"),
            ExpectedIssue(F.editing(valid) { $0["question_ids"] = ["doc1", ""] }, "quizzes[0].question_ids[1]", "must be a non-empty string"),
            ExpectedIssue(F.editing(valid) { $0["question_ids"] = ["doc1", 2] }, "quizzes[0].question_ids[1]", "must be a non-empty string"),
            ExpectedIssue(F.editing(valid) { $0["question_ids"] = ["doc1", "api1", "doc1"] }, "quizzes[0].question_ids[2]",
                          "duplicate question \"doc1\""),
            ExpectedIssue(F.editing(valid) { $0["settings"] = true }, "quizzes[0].settings", "must be an object"),
            ExpectedIssue(withSetting("shuffle_questions", "yes"), "quizzes[0].settings.shuffle_questions", "must be true or false"),
            ExpectedIssue(withSetting("shuffle_options", 1), "quizzes[0].settings.shuffle_options", "must be true or false"),
            ExpectedIssue(withSetting("show_correct_answers", "false"), "quizzes[0].settings.show_correct_answers", "must be true or false"),
            ExpectedIssue(withSetting("allow_skip", 0), "quizzes[0].settings.allow_skip", "must be true or false"),
            ExpectedIssue(withSetting("max_attempts", 0), "quizzes[0].settings.max_attempts", "must be null or a whole number of at least 1"),
            ExpectedIssue(withSetting("max_attempts", 2.5), "quizzes[0].settings.max_attempts", "must be null or a whole number of at least 1"),
            ExpectedIssue(withSetting("time_limit", 0), "quizzes[0].settings.time_limit", "must be null or a whole number of at least 1"),
            ExpectedIssue(withSetting("time_limit", "30"), "quizzes[0].settings.time_limit", "must be null or a whole number of at least 1"),
        ]
    }()

    @Test("a broken quiz is reported at the exact path", arguments: brokenQuizzes)
    func brokenQuiz(expected: ExpectedIssue) {
        #expect(F.issues(ofQuiz: expected.document) == [expected.issue])
    }

    @Test("accepts settings at their lowest allowed values")
    func lowestSettings() throws {
        let document = F.editing(F.quizDocument()) { $0["settings"] = ["max_attempts": 1, "time_limit": 1] }
        let settings = try QuizContentParser.parseQuiz(document, path: "q").settings
        #expect(settings.maxAttempts == 1)
        #expect(settings.timeLimitMinutes == 1)
    }
}
