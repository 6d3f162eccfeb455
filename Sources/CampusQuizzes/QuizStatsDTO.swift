import CampusCore
import Foundation
import Vapor

/// The cabinet's progress chart: per-category scores across the caller's finished attempts.
package struct QuizStatsDTO: Content {
    package struct AttemptPoint: Content {
        package var attemptID: String
        package var completedAt: Date?
        package var score: Int
        package var categoryScores: [String: Int]

        package init(attemptID: String, completedAt: Date? = nil, score: Int, categoryScores: [String: Int]) {
            self.attemptID = attemptID
            self.completedAt = completedAt
            self.score = score
            self.categoryScores = categoryScores
        }

        package enum CodingKeys: String, CodingKey {
            case score
            case attemptID = "attempt_id"
            case completedAt = "completed_at"
            case categoryScores = "category_scores"
        }
    }

    package struct CategoryTrend: Content {
        package var name: String
        package var first: Int
        package var last: Int
        package var best: Int
        package var average: Double

        package init(name: String, first: Int, last: Int, best: Int, average: Double) {
            self.name = name
            self.first = first
            self.last = last
            self.best = best
            self.average = average
        }
    }

    package var quizID: String
    package var attempts: [AttemptPoint]
    package var categories: [String: CategoryTrend]

    package enum CodingKeys: String, CodingKey {
        case attempts, categories
        case quizID = "quiz_id"
    }

    package init(quiz: Quiz, attempts: [QuizAttempt]) {
        quizID = quiz.id
        self.attempts = attempts.map { attempt in
            let scores = (attempt.categoryScores.flatMap { try? JSONDecoder().decode([String: Int].self, from: Data($0.utf8)) }) ?? [:]
            return AttemptPoint(attemptID: attempt.id?.wireString ?? "", completedAt: attempt.submittedAt,
                                score: attempt.score, categoryScores: scores)
        }
        var series: [String: [Int]] = [:]
        for point in self.attempts {
            for (key, score) in point.categoryScores { series[key, default: []].append(score) }
        }
        categories = series.reduce(into: [:]) { result, entry in
            let values = entry.value
            result[entry.key] = CategoryTrend(name: quiz.category(entry.key).name, first: values.first ?? 0, last: values.last ?? 0,
                                              best: values.max() ?? 0,
                                              average: (Double(values.reduce(0, +)) / Double(max(1, values.count)) * 10).rounded() / 10)
        }
    }
}
