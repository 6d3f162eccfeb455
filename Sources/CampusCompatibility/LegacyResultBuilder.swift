import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import CampusQuizzes
import Foundation

/// Builds the replaced service's result shape from what a Campus attempt stores.
package struct LegacyResultBuilder {
    package let quiz: Quiz
    /// Every question of the quiz, for the order of its categories.
    package let questions: [String: Question]

    package init(quiz: Quiz, questions: [String: Question]) {
        self.quiz = quiz
        self.questions = questions
    }

    package func build(token: String, score: Int, result: QuizResult?, details: [QuestionDetailDTO], recommendations: String?,
               guest: LegacyResultDTO.Guest?, createdAt: Date?) -> LegacyResultDTO {
        let ordered = quiz.categoriesInOrder(questionCategories: questions.mapValues(\.category))
        let scored = Dictionary((result?.categoryScores ?? []).map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var categories: [String: LegacyResultDTO.Category] = [:]
        for category in ordered {
            categories[category.key] = .init(score: scored[category.key]?.score ?? 0, weight: category.weight, name: category.name)
        }
        // Categories the questions name but the quiz does not describe still show, named by their key.
        for (key, score) in scored where categories[key] == nil {
            categories[key] = .init(score: score.score, weight: score.weight, name: score.name)
        }
        let asked = ordered.compactMap { scored[$0.key] } + scored.values.filter { score in !ordered.contains { $0.key == score.key } }
            .sorted { $0.key < $1.key }
        return LegacyResultDTO(
            resultID: token,
            overallScore: score,
            level: result?.level.map(level),
            categories: categories,
            strengths: asked.filter { $0.score >= QuizScoring.strengthThreshold }.map { .init(name: $0.name, score: $0.score) },
            weaknesses: asked.filter { $0.score < QuizScoring.weaknessThreshold }.map { .init(name: $0.name, score: $0.score) },
            recommendations: recommendations,
            questionDetails: details.compactMap(questionDetail),
            user: guest,
            createdAt: createdAt
        )
    }

    private func level(_ reached: QuizLevel) -> LegacyResultDTO.Level {
        let next = reached.nextLevel.flatMap { key in quiz.levels.first { $0.key == key } }
            ?? quiz.levels.filter { $0.minScore > reached.minScore }.min { $0.minScore < $1.minScore }
        let nextName = next?.displayName ?? reached.nextLevel.map(QuizLevel.displayName(forKey:))
        return .init(level: reached.displayName, description: reached.description, nextLevel: nextName,
                     minYears: reached.minYears, nextLevelScore: Self.number(next?.minScore ?? 100),
                     minScore: Self.number(reached.minScore))
    }

    /// Answered questions only, as the replaced service lists them.
    private func questionDetail(_ detail: QuestionDetailDTO) -> LegacyResultDTO.QuestionDetail? {
        guard let chosen = detail.chosen.flatMap(Self.text), !chosen.isEmpty else { return nil }
        let showsAnswers = quiz.settings.showCorrectAnswers
        let categoryName = quiz.category(detail.category).name
        let chosenText = detail.chosenText ?? ""
        let points = "\(Self.number(detail.points)) из \(Self.number(detail.maxPoints))"
        let bestText = detail.bestText ?? ""
        return .init(
            questionID: detail.questionID, questionText: detail.question,
            userAnswerValue: chosen, userAnswerText: chosenText,
            correctAnswerValue: showsAnswers ? detail.bestValue.flatMap(Self.text) ?? "" : nil,
            correctAnswerText: showsAnswers ? bestText : nil,
            userScore: detail.points, maxScore: detail.maxPoints,
            explanation: detail.explanation ?? (chosenText.isEmpty
                ? "Такого варианта у вопроса нет, поэтому ответ не принёс баллов (\(points))."
                : "Ваш ответ: «\(chosenText)» — \(points) баллов."),
            difficulty: Self.difficulty(of: questions[detail.questionID]),
            learningTip: detail.correct ? "Тема «\(categoryName)» вам знакома: закрепите её на практике."
                : showsAnswers && !bestText.isEmpty ? "Повторите тему «\(categoryName)»: лучший ответ здесь — «\(bestText)»."
                : "Повторите тему «\(categoryName)» и разберите, какой ответ здесь лучше и почему."
        )
    }

    /// From the bank's kind of question: recall is easier than a case, a case than hands-on practice.
    private static func difficulty(of question: Question?) -> String {
        switch question?.type?.lowercased() {
        case "theory": "easy"
        case "practical": "hard"
        default: "medium"
        }
    }

    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .array(let items): items.compactMap(\.stringValue).joined(separator: ", ")
        default: nil
        }
    }

    /// 85 → "85", 72.5 → "72.5".
    package static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }
}
