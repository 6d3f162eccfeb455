import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import CampusQuizzes
import Foundation
import Vapor

/// A result as the replaced service's public test answers it, field for field: `POST /results` and
/// `GET /results/{id}` (which adds `user` and `created_at`). The front end reads `level.level`,
/// `level.description`, `level.nextLevel`, `level.minYears`, `level.nextLevelScore`, `overallScore`,
/// `categories`, `strengths`, `weaknesses`, `recommendations`, `user` and `created_at`.
package struct LegacyResultDTO: Content {
    package struct Level: Content {
        package var level: String
        package var description: String?
        package var nextLevel: String?
        package var minYears: String?
        /// Strings, as the replaced service sends them.
        package var nextLevelScore: String
        package var minScore: String

        package init(level: String, description: String? = nil, nextLevel: String? = nil, minYears: String? = nil, nextLevelScore: String, minScore: String) {
            self.level = level
            self.description = description
            self.nextLevel = nextLevel
            self.minYears = minYears
            self.nextLevelScore = nextLevelScore
            self.minScore = minScore
        }
    }

    package struct Category: Content {
        package var score: Int
        package var weight: Double
        package var name: String

        package init(score: Int, weight: Double, name: String) {
            self.score = score
            self.weight = weight
            self.name = name
        }
    }

    package struct NamedScore: Content {
        package var name: String
        package var score: Int

        package init(name: String, score: Int) {
            self.name = name
            self.score = score
        }
    }

    package struct QuestionDetail: Content {
        package var questionID: String
        package var questionText: String
        package var userAnswerValue: String
        package var userAnswerText: String
        /// Null when the quiz does not show correct answers.
        package var correctAnswerValue: String?
        package var correctAnswerText: String?
        package var userScore: Double
        package var maxScore: Double
        package var explanation: String
        package var difficulty: String
        package var learningTip: String

        package init(questionID: String, questionText: String, userAnswerValue: String, userAnswerText: String, correctAnswerValue: String? = nil, correctAnswerText: String? = nil, userScore: Double, maxScore: Double, explanation: String, difficulty: String, learningTip: String) {
            self.questionID = questionID
            self.questionText = questionText
            self.userAnswerValue = userAnswerValue
            self.userAnswerText = userAnswerText
            self.correctAnswerValue = correctAnswerValue
            self.correctAnswerText = correctAnswerText
            self.userScore = userScore
            self.maxScore = maxScore
            self.explanation = explanation
            self.difficulty = difficulty
            self.learningTip = learningTip
        }

        package enum CodingKeys: String, CodingKey {
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

    package struct Guest: Content {
        package var name: String?
        package var experience: String?

        package init(name: String? = nil, experience: String? = nil) {
            self.name = name
            self.experience = experience
        }
    }

    package var resultID: String
    package var overallScore: Int
    package var level: Level?
    package var categories: [String: Category]
    package var strengths: [NamedScore]
    package var weaknesses: [NamedScore]
    /// Null until the study plan is written, then Markdown text.
    package var recommendations: String?
    package var questionDetails: [QuestionDetail]
    package var user: Guest?
    package var createdAt: Date?

    package init(resultID: String, overallScore: Int, level: Level? = nil, categories: [String: Category], strengths: [NamedScore], weaknesses: [NamedScore], recommendations: String? = nil, questionDetails: [QuestionDetail], user: Guest? = nil, createdAt: Date? = nil) {
        self.resultID = resultID
        self.overallScore = overallScore
        self.level = level
        self.categories = categories
        self.strengths = strengths
        self.weaknesses = weaknesses
        self.recommendations = recommendations
        self.questionDetails = questionDetails
        self.user = user
        self.createdAt = createdAt
    }

    package enum CodingKeys: String, CodingKey {
        case overallScore, level, categories, strengths, weaknesses, recommendations, user
        case resultID = "result_id"
        case questionDetails = "question_details"
        case createdAt = "created_at"
    }

    /// `recommendations` is always present (null until ready): the front end polls until it is not.
    package func encode(to encoder: any Encoder) throws {
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
