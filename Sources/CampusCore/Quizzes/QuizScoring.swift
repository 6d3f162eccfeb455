import Foundation

/// The scoring rules of an attempt: points per question, percentages per category, the weighted
/// overall score, the level reached and the pass mark.
public enum QuizScoring {
    /// Categories at or above this percentage are strengths.
    public static let strengthThreshold = 70
    /// Categories below this percentage are weaknesses.
    public static let weaknessThreshold = 60

    /// Scores an attempt. `questions` are the ones the attempt was given; `answers` are keyed by
    /// question id, and a question without an entry scores 0 and counts as unanswered.
    ///
    /// Only categories with at least one question in `questions` take part in the overall score, so a
    /// quiz category the attempt never asked about can't drag it down as a 0 %.
    public static func score(quiz: Quiz, questions: [Question], answers: [String: SubmittedAnswer]) -> QuizResult {
        guard !questions.isEmpty else {
            return QuizResult(
                score: 0, overall: 0, categoryScores: [], level: quiz.levels.min { $0.minScore < $1.minScore }, passed: false,
                strengths: [], weaknesses: [], questionScores: [], points: 0, maxPoints: 0
            )
        }

        let questionScores = questions.map { question in
            let answer = answers[question.id]
            return QuestionScore(
                questionID: question.id, category: question.category,
                points: points(for: answer, on: question), maxPoints: question.maxPoints, answered: answer != nil
            )
        }

        let categoryScores = Dictionary(grouping: questionScores, by: \.category)
            .map { key, scores in
                let category = quiz.category(key)
                let points = scores.map(\.points).reduce(0, +)
                let maxPoints = scores.map(\.maxPoints).reduce(0, +)
                return CategoryScore(
                    key: key, name: category.name, icon: category.icon, weight: category.weight,
                    score: maxPoints > 0 ? roundedPercentage(100 * points / maxPoints) : 0,
                    points: points, maxPoints: maxPoints, questionCount: scores.count
                )
            }
            .sorted { $0.key < $1.key }

        let totalWeight = categoryScores.map(\.weight).reduce(0, +)
        let weightedSum = categoryScores.map { $0.weight * Double($0.score) }.reduce(0, +)
        let overall = totalWeight > 0 ? weightedSum / totalWeight : 0
        let score = roundedPercentage(overall)

        return QuizResult(
            score: score,
            overall: overall,
            categoryScores: categoryScores,
            level: quiz.levels.filter { $0.minScore <= Double(score) }.max { $0.minScore < $1.minScore },
            passed: Double(score) >= quiz.passingScore,
            strengths: categoryScores
                .filter { $0.score >= strengthThreshold }
                .sorted { ($0.score, $1.key) > ($1.score, $0.key) }
                .map(\.key),
            weaknesses: categoryScores
                .filter { $0.score < weaknessThreshold }
                .sorted { ($0.score, $0.key) < ($1.score, $1.key) }
                .map(\.key),
            questionScores: questionScores,
            points: questionScores.map(\.points).reduce(0, +),
            maxPoints: questionScores.map(\.maxPoints).reduce(0, +)
        )
    }

    /// The points an answer earns on a question, never below 0: the chosen option's weight (single),
    /// the chosen options' weights together (multiple), or the weight of the first accepted answer
    /// equal to it after `TextAnswer.normalize` (text). No answer, or one of the wrong shape, earns 0.
    public static func points(for answer: SubmittedAnswer?, on question: Question) -> Double {
        guard let answer else { return 0 }
        switch (question.mode, answer) {
        case (.single, .single(let choice)), (.single, .text(let choice)):
            return max(0, question.weight(ofOption: choice))
        case (.single, .multiple(let choices)):
            guard choices.count == 1 else { return 0 }
            return max(0, question.weight(ofOption: choices[0]))

        case (.multiple, .multiple(let choices)):
            // Counting a repeated option once keeps a crafted request from multiplying its points.
            let distinct = choices.reduce(into: [String]()) { kept, choice in
                if !kept.contains(choice) { kept.append(choice) }
            }
            return max(0, distinct.map(question.weight(ofOption:)).reduce(0, +))
        case (.multiple, .single(let choice)), (.multiple, .text(let choice)):
            return max(0, question.weight(ofOption: choice))

        case (.text, .text(let text)), (.text, .single(let text)):
            let typed = TextAnswer.normalize(text)
            let match = question.accepted.first { TextAnswer.normalize($0.answer) == typed }
            return max(0, match?.weight ?? 0)
        case (.text, .multiple):
            return 0
        }
    }

    /// Rounds half to even, as Python's `round` does in the replaced service, so one person gets the
    /// same score and level from both (32.5 → 32, 67.5 → 68). The value is first snapped to 9 decimals
    /// so that float noise (64.49999999999999 from what is 64.5 on paper) can't round the wrong way.
    static func roundedPercentage(_ value: Double) -> Int {
        Int(((value * 1e9).rounded() / 1e9).rounded(.toNearestOrEven))
    }
}
