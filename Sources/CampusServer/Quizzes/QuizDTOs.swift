import CampusCore
import Foundation
import Vapor

/// A quiz as takers see it: never the question ids, weights or accepted answers.
struct QuizCardDTO: Content {
    var id: String
    var type: String
    var title: String
    var description: String?
    var slug: String?
    var level: String?
    var durationMinutes: Int?
    var passingScore: Double
    var questionCount: Int
    var categories: [String: CategoryDTO]
    var levelConfig: [String: LevelDTO]
    var settings: SettingsDTO
    var translations: JSONValue?
    var attemptsUsed: Int?
    var bestScore: Int?

    enum CodingKeys: String, CodingKey {
        case id, type, title, description, slug, level, categories, settings, translations
        case durationMinutes = "duration_minutes"
        case passingScore = "passing_score"
        case questionCount = "question_count"
        case levelConfig = "level_config"
        case attemptsUsed = "attempts_used"
        case bestScore = "best_score"
    }

    struct CategoryDTO: Content {
        var name: String
        var icon: String?
        var weight: Double
        var description: String?
    }

    struct LevelDTO: Content {
        var minScore: Double
        var icon: String?
        var description: String?
        var nextLevel: String?
        var minYears: String?

        enum CodingKeys: String, CodingKey {
            case icon, description
            case minScore = "min_score"
            case nextLevel = "next_level"
            case minYears = "min_years"
        }

        init(_ level: QuizLevel) {
            minScore = level.minScore
            icon = level.icon
            description = level.description
            nextLevel = level.nextLevel
            minYears = level.minYears
        }
    }

    struct SettingsDTO: Content {
        var shuffleQuestions: Bool
        var shuffleOptions: Bool
        var showCorrectAnswers: Bool
        var allowSkip: Bool
        var timeLimit: Int?
        var maxAttempts: Int?

        enum CodingKeys: String, CodingKey {
            case shuffleQuestions = "shuffle_questions"
            case shuffleOptions = "shuffle_options"
            case showCorrectAnswers = "show_correct_answers"
            case allowSkip = "allow_skip"
            case timeLimit = "time_limit"
            case maxAttempts = "max_attempts"
        }
    }

    init(_ quiz: Quiz, questionCount: Int, attemptsUsed: Int? = nil, bestScore: Int? = nil) {
        id = quiz.id
        type = quiz.type
        title = quiz.title
        description = quiz.description
        slug = quiz.slug
        level = quiz.level
        durationMinutes = quiz.durationMinutes
        passingScore = quiz.passingScore
        self.questionCount = questionCount
        categories = Dictionary(uniqueKeysWithValues: quiz.categories.map {
            ($0.key, CategoryDTO(name: $0.name, icon: $0.icon, weight: $0.weight, description: $0.description))
        })
        levelConfig = Dictionary(uniqueKeysWithValues: quiz.levels.map { ($0.key, LevelDTO($0)) })
        settings = SettingsDTO(shuffleQuestions: quiz.settings.shuffleQuestions, shuffleOptions: quiz.settings.shuffleOptions,
                               showCorrectAnswers: quiz.settings.showCorrectAnswers, allowSkip: quiz.settings.allowSkip,
                               timeLimit: quiz.settings.timeLimitMinutes, maxAttempts: quiz.settings.maxAttempts)
        translations = quiz.translations.map(JSONValue.object)
        self.attemptsUsed = attemptsUsed
        self.bestScore = bestScore
    }
}

/// A question as takers see it before submitting: options in the attempt's order, no weights.
struct QuestionDTO: Content {
    var id: String
    var category: String
    var type: String?
    var mode: String
    var question: String
    var options: [QuestionOption]
    var translations: JSONValue?

    init(_ question: Question, optionOrder: [String]? = nil) {
        id = question.id
        category = question.category
        type = question.type
        mode = question.mode.rawValue
        self.question = question.text
        let byValue = Dictionary(question.options.map { ($0.value, $0) }, uniquingKeysWith: { first, _ in first })
        options = optionOrder.map { $0.compactMap { byValue[$0] } } ?? question.options
        // Translations carry option texts only; explanations wait for the result.
        translations = question.translations.map { translations in
            .object(translations.mapValues { language in
                guard case .object(var fields) = language else { return language }
                fields["explanation"] = nil
                return .object(fields)
            })
        }
    }
}

struct AttemptInProgressDTO: Content {
    var attemptID: String
    var attemptNo: Int
    var quizID: String
    var status: String
    var startedAt: Date
    var expiresAt: Date?
    var quiz: QuizCardDTO
    var questions: [QuestionDTO]
    var answers: [String: JSONValue]
    /// The `questions` array already encoded (kept per quiz plan by the content cache): encoding 40
    /// questions with their translations was most of the cost of reading an attempt.
    var questionsJSON: [UInt8]?
    /// The `quiz` card already encoded, likewise.
    var quizJSON: [UInt8]?

    enum CodingKeys: String, CodingKey {
        case status, quiz, questions, answers
        case attemptID = "attempt_id"
        case attemptNo = "attempt_no"
        case quizID = "quiz_id"
        case startedAt = "started_at"
        case expiresAt = "expires_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(attemptID, forKey: .attemptID)
        try container.encode(attemptNo, forKey: .attemptNo)
        try container.encode(quizID, forKey: .quizID)
        try container.encode(status, forKey: .status)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encodeIfPresent(expiresAt, forKey: .expiresAt)
        try container.encode(quiz, forKey: .quiz)
        try container.encode(questions, forKey: .questions)
        try container.encode(answers, forKey: .answers)
    }

    func response(status: HTTPResponseStatus = .ok) throws -> Response {
        Response.json(try jsonBytes(), status: status)
    }

    func encodeResponse(for request: Request) async throws -> Response {
        try response()
    }

    /// The wire form, with the pre-encoded parts put in place; equal to the `Codable` form (tested).
    func jsonBytes() throws -> [UInt8] {
        var json = JSONOutput(capacity: (questionsJSON?.count ?? 0) + (quizJSON?.count ?? 0) + 1024)
        json.beginObject()
        json.member(CodingKeys.attemptID.rawValue, attemptID)
        json.member(CodingKeys.attemptNo.rawValue, attemptNo)
        json.member(CodingKeys.quizID.rawValue, quizID)
        json.member(CodingKeys.status.rawValue, status)
        json.member(CodingKeys.startedAt.rawValue, startedAt)
        json.member(CodingKeys.expiresAt.rawValue, ifPresent: expiresAt)
        json.key(CodingKeys.quiz.rawValue)
        json.raw(try quizJSON ?? Array(JSONEncoder.campus.encode(quiz)))
        json.key(CodingKeys.questions.rawValue)
        json.raw(try questionsJSON ?? Array(JSONEncoder.campus.encode(questions)))
        json.key(CodingKeys.answers.rawValue)
        try json.value(.object(answers))
        json.endObject()
        return json.bytes
    }
}

struct SaveAnswersRequest: Content {
    var answers: [String: JSONValue]?
}

struct QuestionDetailDTO: Content, Equatable {
    var questionID: String
    var category: String
    var question: String
    var mode: String
    var chosen: JSONValue?
    var chosenText: String?
    var bestValue: JSONValue?
    var bestText: String?
    var points: Double
    var maxPoints: Double
    var correct: Bool
    var explanation: String?

    enum CodingKeys: String, CodingKey {
        case category, question, mode, chosen, points, correct, explanation
        case questionID = "question_id"
        case chosenText = "chosen_text"
        case bestValue = "best_value"
        case bestText = "best_text"
        case maxPoints = "max_points"
    }
}

struct CategoryScoreDTO: Content {
    var name: String
    var icon: String?
    var score: Int
    var weight: Double
    var points: Double
    var maxPoints: Double
    var questionCount: Int

    enum CodingKeys: String, CodingKey {
        case name, icon, score, weight, points
        case maxPoints = "max_points"
        case questionCount = "question_count"
    }

    init(_ score: CategoryScore) {
        name = score.name
        icon = score.icon
        self.score = score.score
        weight = score.weight
        points = score.points
        maxPoints = score.maxPoints
        questionCount = score.questionCount
    }
}

struct AttemptResultDTO: Content {
    var attemptID: String
    var attemptNo: Int
    var quizID: String
    var status: String
    var score: Int
    var maxScore: Int
    var level: String?
    var levelInfo: QuizCardDTO.LevelDTO?
    var passed: Bool
    var startedAt: Date
    var completedAt: Date?
    var timeSpentSeconds: Int?
    var categoryScores: [String: CategoryScoreDTO]
    var strengths: [String]
    var weaknesses: [String]
    /// A string, or an explicit null while a background plan is being written.
    var recommendations: JSONValue
    var questionDetails: [QuestionDetailDTO]?
    var percentile: Int?

    enum CodingKeys: String, CodingKey {
        case status, score, level, passed, strengths, weaknesses, recommendations, percentile
        case attemptID = "attempt_id"
        case attemptNo = "attempt_no"
        case quizID = "quiz_id"
        case maxScore = "max_score"
        case levelInfo = "level_info"
        case startedAt = "started_at"
        case completedAt = "completed_at"
        case timeSpentSeconds = "time_spent_seconds"
        case categoryScores = "category_scores"
        case questionDetails = "question_details"
    }
}

struct AttemptSummaryDTO: Content {
    var attemptID: String
    var attemptNo: Int
    var quizID: String
    var status: String
    var score: Int
    var level: String?
    var passed: Bool
    var startedAt: Date
    var completedAt: Date?
    var expiresAt: Date?

    enum CodingKeys: String, CodingKey {
        case status, score, level, passed
        case attemptID = "attempt_id"
        case attemptNo = "attempt_no"
        case quizID = "quiz_id"
        case startedAt = "started_at"
        case completedAt = "completed_at"
        case expiresAt = "expires_at"
    }

    init(_ attempt: QuizAttempt) {
        attemptID = attempt.id?.wireString ?? ""
        attemptNo = attempt.attemptNo
        quizID = attempt.quizContentID
        status = attempt.status
        score = attempt.score
        level = attempt.level
        passed = attempt.passed
        startedAt = attempt.startedAt
        completedAt = attempt.submittedAt
        expiresAt = attempt.expiresAt
    }
}
