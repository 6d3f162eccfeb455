import CampusCore
import Foundation
import Vapor

/// A result as the replaced service's public test answers it, field for field: `POST /results` and
/// `GET /results/{id}` (which adds `user` and `created_at`). The front end reads `level.level`,
/// `level.description`, `level.nextLevel`, `level.minYears`, `level.nextLevelScore`, `overallScore`,
/// `categories`, `strengths`, `weaknesses`, `recommendations`, `user` and `created_at`.
struct LegacyResultDTO: Content {
    struct Level: Content {
        var level: String
        var description: String?
        var nextLevel: String?
        var minYears: String?
        /// Strings, as the replaced service sends them.
        var nextLevelScore: String
        var minScore: String
    }

    struct Category: Content {
        var score: Int
        var weight: Double
        var name: String
    }

    struct NamedScore: Content {
        var name: String
        var score: Int
    }

    struct QuestionDetail: Content {
        var questionID: String
        var questionText: String
        var userAnswerValue: String
        var userAnswerText: String
        /// Null when the quiz does not show correct answers.
        var correctAnswerValue: String?
        var correctAnswerText: String?
        var userScore: Double
        var maxScore: Double
        var explanation: String
        var difficulty: String
        var learningTip: String

        enum CodingKeys: String, CodingKey {
            case explanation, difficulty
            case questionID = "question_id"
            case questionText = "question_text"
            case userAnswerValue = "user_answer_value"
            case userAnswerText = "user_answer_text"
            case correctAnswerValue = "correct_answer_value"
            case correctAnswerText = "correct_answer_text"
            case userScore = "user_score"
            case maxScore = "max_score"
            case learningTip = "learning_tip"
        }
    }

    struct Guest: Content {
        var name: String?
        var experience: String?
    }

    var resultID: String
    var overallScore: Int
    var level: Level?
    var categories: [String: Category]
    var strengths: [NamedScore]
    var weaknesses: [NamedScore]
    /// Null until the study plan is written, then Markdown text.
    var recommendations: String?
    var questionDetails: [QuestionDetail]
    var user: Guest?
    var createdAt: Date?

    enum CodingKeys: String, CodingKey {
        case overallScore, level, categories, strengths, weaknesses, recommendations, user
        case resultID = "result_id"
        case questionDetails = "question_details"
        case createdAt = "created_at"
    }

    /// `recommendations` is always present (null until ready): the front end polls until it is not.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(resultID, forKey: .resultID)
        try container.encode(overallScore, forKey: .overallScore)
        try container.encode(level, forKey: .level)
        try container.encode(categories, forKey: .categories)
        try container.encode(strengths, forKey: .strengths)
        try container.encode(weaknesses, forKey: .weaknesses)
        try container.encode(recommendations, forKey: .recommendations)
        try container.encode(questionDetails, forKey: .questionDetails)
        try container.encodeIfPresent(user, forKey: .user)
        try container.encodeIfPresent(createdAt, forKey: .createdAt)
    }
}
