import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import Foundation
import Vapor

/// A quiz as takers see it: never the question ids, weights or accepted answers.
package struct QuizCardDTO: Content {
    package var id: String
    package var type: String
    package var title: String
    package var description: String?
    package var slug: String?
    package var level: String?
    package var durationMinutes: Int?
    package var passingScore: Double
    package var questionCount: Int
    package var categories: [String: CategoryDTO]
    package var levelConfig: [String: LevelDTO]
    package var settings: SettingsDTO
    package var translations: JSONValue?
    package var attemptsUsed: Int?
    package var bestScore: Int?

    package enum CodingKeys: String, CodingKey {
        case id, type, title, description, slug, level, categories, settings, translations
        case durationMinutes = "duration_minutes"
        case passingScore = "passing_score"
        case questionCount = "question_count"
        case levelConfig = "level_config"
        case attemptsUsed = "attempts_used"
        case bestScore = "best_score"
    }

    package struct CategoryDTO: Content {
        package var name: String
        package var icon: String?
        package var weight: Double
        package var description: String?

        package init(name: String, icon: String? = nil, weight: Double, description: String? = nil) {
            self.name = name
            self.icon = icon
            self.weight = weight
            self.description = description
        }
    }

    package struct LevelDTO: Content {
        package var minScore: Double
        package var icon: String?
        package var description: String?
        package var nextLevel: String?
        package var minYears: String?

        package enum CodingKeys: String, CodingKey {
            case icon, description
            case minScore = "min_score"
            case nextLevel = "next_level"
            case minYears = "min_years"
        }

        package init(_ level: QuizLevel) {
            minScore = level.minScore
            icon = level.icon
            description = level.description
            nextLevel = level.nextLevel
            minYears = level.minYears
        }
    }

    package struct SettingsDTO: Content {
        package var shuffleQuestions: Bool
        package var shuffleOptions: Bool
        package var showCorrectAnswers: Bool
        package var allowSkip: Bool
        package var timeLimit: Int?
        package var maxAttempts: Int?

        package init(shuffleQuestions: Bool, shuffleOptions: Bool, showCorrectAnswers: Bool, allowSkip: Bool, timeLimit: Int? = nil, maxAttempts: Int? = nil) {
            self.shuffleQuestions = shuffleQuestions
            self.shuffleOptions = shuffleOptions
            self.showCorrectAnswers = showCorrectAnswers
            self.allowSkip = allowSkip
            self.timeLimit = timeLimit
            self.maxAttempts = maxAttempts
        }

        package enum CodingKeys: String, CodingKey {
            case shuffleQuestions = "shuffle_questions"
            case shuffleOptions = "shuffle_options"
            case showCorrectAnswers = "show_correct_answers"
            case allowSkip = "allow_skip"
            case timeLimit = "time_limit"
            case maxAttempts = "max_attempts"
        }
    }

    package init(_ quiz: Quiz, questionCount: Int, attemptsUsed: Int? = nil, bestScore: Int? = nil) {
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
package struct QuestionDTO: Content {
    package var id: String
    package var category: String
    package var type: String?
    package var mode: String
    package var question: String
    package var options: [QuestionOption]
    package var translations: JSONValue?

    package init(_ question: Question, optionOrder: [String]? = nil) {
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

package struct AttemptInProgressDTO: Content {
    package var attemptID: String
    package var attemptNo: Int
    package var quizID: String
    package var status: String
    package var startedAt: Date
    package var expiresAt: Date?
    package var quiz: QuizCardDTO
    package var questions: [QuestionDTO]
    package var answers: [String: JSONValue]
    /// The `questions` array already encoded (kept per quiz plan by the derived-content cache): encoding
    /// the questions with their translations dominated reading an attempt.
    package var questionsJSON: ByteBuffer?
    /// The `quiz` card already encoded, likewise.
    package var quizJSON: ByteBuffer?

    package init(attemptID: String, attemptNo: Int, quizID: String, status: String, startedAt: Date, expiresAt: Date? = nil, quiz: QuizCardDTO, questions: [QuestionDTO], answers: [String: JSONValue], questionsJSON: ByteBuffer? = nil, quizJSON: ByteBuffer? = nil) {
        self.attemptID = attemptID
        self.attemptNo = attemptNo
        self.quizID = quizID
        self.status = status
        self.startedAt = startedAt
        self.expiresAt = expiresAt
        self.quiz = quiz
        self.questions = questions
        self.answers = answers
        self.questionsJSON = questionsJSON
        self.quizJSON = quizJSON
    }

    package enum CodingKeys: String, CodingKey {
        case status, quiz, questions, answers
        case attemptID = "attempt_id"
        case attemptNo = "attempt_no"
        case quizID = "quiz_id"
        case startedAt = "started_at"
        case expiresAt = "expires_at"
    }

    package func encode(to encoder: any Encoder) throws {
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

    package func response(status: HTTPResponseStatus = .ok) throws -> Response {
        Response.json(parts: try jsonParts(), status: status)
    }

    package func encodeResponse(for request: Request) async throws -> Response {
        try response()
    }

    /// The wire form, with the pre-encoded parts put in place; equal to the `Codable` form (tested).
    package func jsonBytes() throws -> [UInt8] {
        try jsonParts().flatMap { Array($0.readableBytesView) }
    }

    /// The wire form in the order it is sent: the kept encodings of the plan (most of the body) go out as
    /// they are, between the few bytes written for this request.
    package func jsonParts() throws -> [ByteBuffer] {
        var head = JSONOutput(capacity: 256)
        head.beginObject()
        head.member(CodingKeys.attemptID.rawValue, attemptID)
        head.member(CodingKeys.attemptNo.rawValue, attemptNo)
        head.member(CodingKeys.quizID.rawValue, quizID)
        head.member(CodingKeys.status.rawValue, status)
        head.member(CodingKeys.startedAt.rawValue, startedAt)
        head.member(CodingKeys.expiresAt.rawValue, ifPresent: expiresAt)
        head.key(CodingKeys.quiz.rawValue)
        var tail = ByteBuffer(string: #","answers":"#)
        tail.writeBytes(try JSONValue.object(answers).jsonBytes())
        tail.writeString("}")
        return [
            ByteBuffer(bytes: head.bytes),
            try quizJSON ?? ByteBuffer(data: JSONEncoder.campus.encode(quiz)),
            Self.questionsKey,
            try questionsJSON ?? ByteBuffer(data: JSONEncoder.campus.encode(questions)),
            tail,
        ]
    }

    private static let questionsKey = ByteBuffer(string: #","questions":"#)
}

package struct SaveAnswersRequest: Content {
    package var answers: [String: JSONValue]?

    package init(answers: [String: JSONValue]? = nil) {
        self.answers = answers
    }
}

package struct QuestionDetailDTO: Content, Equatable {
    package var questionID: String
    package var category: String
    package var question: String
    package var mode: String
    package var chosen: JSONValue?
    package var chosenText: String?
    package var bestValue: JSONValue?
    package var bestText: String?
    package var points: Double
    package var maxPoints: Double
    package var correct: Bool
    package var explanation: String?

    package init(questionID: String, category: String, question: String, mode: String, chosen: JSONValue? = nil, chosenText: String? = nil, bestValue: JSONValue? = nil, bestText: String? = nil, points: Double, maxPoints: Double, correct: Bool, explanation: String? = nil) {
        self.questionID = questionID
        self.category = category
        self.question = question
        self.mode = mode
        self.chosen = chosen
        self.chosenText = chosenText
        self.bestValue = bestValue
        self.bestText = bestText
        self.points = points
        self.maxPoints = maxPoints
        self.correct = correct
        self.explanation = explanation
    }

    package enum CodingKeys: String, CodingKey {
        case category, question, mode, chosen, points, correct, explanation
        case questionID = "question_id"
        case chosenText = "chosen_text"
        case bestValue = "best_value"
        case bestText = "best_text"
        case maxPoints = "max_points"
    }
}

package struct CategoryScoreDTO: Content {
    package var name: String
    package var icon: String?
    package var score: Int
    package var weight: Double
    package var points: Double
    package var maxPoints: Double
    package var questionCount: Int

    package enum CodingKeys: String, CodingKey {
        case name, icon, score, weight, points
        case maxPoints = "max_points"
        case questionCount = "question_count"
    }

    package init(_ score: CategoryScore) {
        name = score.name
        icon = score.icon
        self.score = score.score
        weight = score.weight
        points = score.points
        maxPoints = score.maxPoints
        questionCount = score.questionCount
    }
}

package struct AttemptResultDTO: Content {
    package var attemptID: String
    package var attemptNo: Int
    package var quizID: String
    package var status: String
    package var score: Int
    package var maxScore: Int
    package var level: String?
    package var levelInfo: QuizCardDTO.LevelDTO?
    package var passed: Bool
    package var startedAt: Date
    package var completedAt: Date?
    package var timeSpentSeconds: Int?
    package var categoryScores: [String: CategoryScoreDTO]
    package var strengths: [String]
    package var weaknesses: [String]
    /// A string, or an explicit null while a background plan is being written.
    package var recommendations: JSONValue
    package var questionDetails: [QuestionDetailDTO]?
    package var percentile: Int?
    /// Achievements the submit earned; only in the answer to the submit.
    package var awarded: [EarnedAward]?

    package init(attemptID: String, attemptNo: Int, quizID: String, status: String, score: Int, maxScore: Int, level: String? = nil, levelInfo: QuizCardDTO.LevelDTO? = nil, passed: Bool, startedAt: Date, completedAt: Date? = nil, timeSpentSeconds: Int? = nil, categoryScores: [String: CategoryScoreDTO], strengths: [String], weaknesses: [String], recommendations: JSONValue, questionDetails: [QuestionDetailDTO]? = nil, percentile: Int? = nil) {
        self.attemptID = attemptID
        self.attemptNo = attemptNo
        self.quizID = quizID
        self.status = status
        self.score = score
        self.maxScore = maxScore
        self.level = level
        self.levelInfo = levelInfo
        self.passed = passed
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.timeSpentSeconds = timeSpentSeconds
        self.categoryScores = categoryScores
        self.strengths = strengths
        self.weaknesses = weaknesses
        self.recommendations = recommendations
        self.questionDetails = questionDetails
        self.percentile = percentile
    }

    package enum CodingKeys: String, CodingKey {
        case status, score, level, passed, strengths, weaknesses, recommendations, percentile, awarded
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

package struct AttemptSummaryDTO: Content {
    package var attemptID: String
    package var attemptNo: Int
    package var quizID: String
    package var status: String
    package var score: Int
    package var level: String?
    package var passed: Bool
    package var startedAt: Date
    package var completedAt: Date?
    package var expiresAt: Date?

    package enum CodingKeys: String, CodingKey {
        case status, score, level, passed
        case attemptID = "attempt_id"
        case attemptNo = "attempt_no"
        case quizID = "quiz_id"
        case startedAt = "started_at"
        case completedAt = "completed_at"
        case expiresAt = "expires_at"
    }

    package init(_ attempt: QuizAttempt) {
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
