import Foundation
import Testing
@testable import CampusCore

@Suite("Points for one question")
struct QuestionPointsTests {
    typealias F = QuizContentFactories

    @Test("a single choice earns the chosen option's weight")
    func singleChoice() {
        let question = F.choiceQuestion(mode: .single, weights: ["a": 4, "b": 5, "c": 2, "d": 0])
        #expect(QuizScoring.points(for: .single("a"), on: question) == 4)
        #expect(QuizScoring.points(for: .single("b"), on: question) == 5)
        #expect(QuizScoring.points(for: .single("d"), on: question) == 0)
    }

    @Test("a single choice with a negative weight earns 0, not less")
    func singleChoiceFloor() {
        let question = F.choiceQuestion(mode: .single, weights: ["a": 4, "b": -3])
        #expect(QuizScoring.points(for: .single("b"), on: question) == 0)
    }

    @Test("an unknown option or no answer earns 0")
    func unknownOrMissing() {
        let question = F.choiceQuestion(mode: .single, weights: ["a": 4, "b": 5])
        #expect(QuizScoring.points(for: .single("z"), on: question) == 0)
        #expect(QuizScoring.points(for: nil, on: question) == 0)
    }

    @Test("a single choice sent in another shape still earns its weight when it names one option")
    func singleChoiceOtherShapes() {
        let question = F.choiceQuestion(mode: .single, weights: ["a": 4, "b": 5])
        #expect(QuizScoring.points(for: .text("b"), on: question) == 5)
        #expect(QuizScoring.points(for: .multiple(["b"]), on: question) == 5)
        #expect(QuizScoring.points(for: .multiple(["a", "b"]), on: question) == 0)
    }

    @Test("a multiple choice earns the sum of the chosen options' weights, negatives included")
    func multipleChoice() {
        let question = F.choiceQuestion(mode: .multiple, weights: ["a": 3, "b": 2, "c": -1, "d": -4])
        #expect(QuizScoring.points(for: .multiple(["a", "b"]), on: question) == 5)
        #expect(QuizScoring.points(for: .multiple(["a", "b", "c"]), on: question) == 4)
        #expect(QuizScoring.points(for: .multiple(["a", "z"]), on: question) == 3)
    }

    @Test("a multiple choice never earns less than 0")
    func multipleChoiceFloor() {
        let question = F.choiceQuestion(mode: .multiple, weights: ["a": 3, "b": 2, "c": -1, "d": -4])
        #expect(QuizScoring.points(for: .multiple(["a", "d"]), on: question) == 0)
        #expect(QuizScoring.points(for: .multiple(["c", "d"]), on: question) == 0)
    }

    @Test("an empty multiple choice earns 0")
    func multipleChoiceEmpty() {
        let question = F.choiceQuestion(mode: .multiple, weights: ["a": 3, "b": 2])
        #expect(QuizScoring.points(for: .multiple([]), on: question) == 0)
    }

    @Test("an option chosen twice in a multiple choice counts once")
    func multipleChoiceRepeated() {
        let question = F.choiceQuestion(mode: .multiple, weights: ["a": 3, "b": 2])
        #expect(QuizScoring.points(for: .multiple(["a", "a", "a"]), on: question) == 3)
    }

    @Test("a multiple choice sent as one string counts as that one option")
    func multipleChoiceFromString() {
        let question = F.choiceQuestion(mode: .multiple, weights: ["a": 3, "b": 2])
        #expect(QuizScoring.points(for: .single("b"), on: question) == 2)
    }

    @Test("a text answer earns the weight of the accepted answer it matches after normalizing", arguments: [
        ("идемпотентность", 5.0),
        ("  ИДЕМПОТЕНТНОСТЬ ", 5),
        ("Idempotency", 4),
        ("eventual   consistency", 2),
        ("Eventual\nConsistency", 2),
        ("всё сразу", 1),
        ("все сразу", 1),
        ("idempotence", 0),
        ("", 0),
    ])
    func textAnswer(typed: String, expected: Double) {
        let question = F.textQuestion(accepted: [
            AcceptedAnswer(answer: "идемпотентность", weight: 5),
            AcceptedAnswer(answer: "idempotency", weight: 4),
            AcceptedAnswer(answer: "Eventual consistency", weight: 2),
            AcceptedAnswer(answer: "Всё сразу", weight: 1),
        ])
        #expect(QuizScoring.points(for: .text(typed), on: question) == expected)
    }

    @Test("a text answer matching two accepted answers earns the first one's weight")
    func textFirstMatchWins() {
        let question = F.textQuestion(accepted: [AcceptedAnswer(answer: "REST", weight: 2), AcceptedAnswer(answer: "rest", weight: 5)])
        #expect(QuizScoring.points(for: .text("rest"), on: question) == 2)
    }

    @Test("a text answer decoded from JSON as single is compared as text")
    func textFromDecodedString() {
        let question = F.textQuestion(accepted: [AcceptedAnswer(answer: "idempotency", weight: 5)])
        #expect(QuizScoring.points(for: .single("Idempotency"), on: question) == 5)
        #expect(QuizScoring.points(for: .multiple(["idempotency"]), on: question) == 0)
    }

    @Test("a matching text answer with a negative weight earns 0")
    func textFloor() {
        let question = F.textQuestion(accepted: [AcceptedAnswer(answer: "yes", weight: 5), AcceptedAnswer(answer: "no", weight: -2)])
        #expect(QuizScoring.points(for: .text("no"), on: question) == 0)
    }
}

@Suite("Scoring an attempt")
struct QuizScoringTests {
    typealias F = QuizContentFactories
    static let api = QuizCategory(key: "api", name: "API Design", icon: "🔌", weight: 1)
    static let docs = QuizCategory(key: "documentation", name: "Documentation", icon: "📄", weight: 1)

    /// Scores questions that each earn a known percentage (see `F.question(worth:)`) in their category.
    func score(_ quiz: Quiz, _ percentages: [(category: String, percent: Double)]) -> QuizResult {
        let questions = percentages.enumerated().map { index, item in
            F.question(worth: item.percent, id: "q\(index)", category: item.category)
        }
        let answers = Dictionary(uniqueKeysWithValues: questions.map { ($0.id, SubmittedAnswer.single("b")) })
        return QuizScoring.score(quiz: quiz, questions: questions, answers: answers)
    }

    @Test("adds up points per question and per category, and keeps the questions' order")
    func totals() {
        // given
        let quiz = F.quiz(categories: [Self.api, Self.docs])
        let questions = [
            F.choiceQuestion(id: "d1", category: "documentation", weights: ["a": 4, "b": 5, "c": 2, "d": 0]),
            F.choiceQuestion(id: "a1", category: "api", mode: .multiple, weights: ["a": 2, "b": 2, "c": -1]),
            F.choiceQuestion(id: "a2", category: "api", weights: ["a": 1, "b": 3]),
        ]
        let answers: [String: SubmittedAnswer] = ["d1": .single("a"), "a1": .multiple(["a", "c"])]

        // when
        let result = QuizScoring.score(quiz: quiz, questions: questions, answers: answers)

        // then
        #expect(result.questionScores == [
            QuestionScore(questionID: "d1", category: "documentation", points: 4, maxPoints: 5, answered: true),
            QuestionScore(questionID: "a1", category: "api", points: 1, maxPoints: 4, answered: true),
            QuestionScore(questionID: "a2", category: "api", points: 0, maxPoints: 3, answered: false),
        ])
        #expect(result.categoryScores == [
            CategoryScore(key: "api", name: "API Design", icon: "🔌", weight: 1, score: 14, points: 1, maxPoints: 7, questionCount: 2),
            CategoryScore(key: "documentation", name: "Documentation", icon: "📄", weight: 1, score: 80, points: 4, maxPoints: 5,
                          questionCount: 1),
        ])
        #expect(result.points == 5)
        #expect(result.maxPoints == 12)
        #expect(result.overall == 47)
        #expect(result.score == 47)
    }

    @Test("rounds category percentages half to even, as the replaced service's Python round() does", arguments: [
        (1.0, 8.0, 12), (3, 8, 38), (1, 3, 33), (2, 3, 67), (129, 200, 64), (0.645, 1, 64), (0.644, 1, 64),
        (13, 40, 32), (27, 40, 68), (0.655, 1, 66),
    ])
    func categoryRounding(points: Double, maxPoints: Double, expected: Int) {
        // given
        let question = Question(
            id: "q", category: "api", text: "Q",
            options: [QuestionOption(value: "a", text: "A"), QuestionOption(value: "b", text: "B")],
            weights: ["a": maxPoints, "b": points]
        )

        // when
        let result = QuizScoring.score(quiz: F.quiz(), questions: [question], answers: ["q": .single("b")])

        // then
        #expect(result.categoryScores.first?.score == expected)
    }

    @Test("rounds the overall score half to even", arguments: [(65, 64, 64), (65, 70, 68), (61, 60, 60), (80, 81, 80)])
    func overallRounding(first: Int, second: Int, expected: Int) {
        // given: two equally weighted categories whose mean ends in .5 (or not)
        let quiz = F.quiz(categories: [Self.api, QuizCategory(key: "documentation", name: "Docs", weight: Self.api.weight)])
        let questions = [("api", first), ("documentation", second)].enumerated().map { index, pair in
            Question(id: "q\(index)", category: pair.0, text: "Q",
                     options: [QuestionOption(value: "a", text: "A"), QuestionOption(value: "b", text: "B")],
                     weights: ["a": 100, "b": Double(pair.1)])
        }

        // when
        let result = QuizScoring.score(quiz: quiz, questions: questions, answers: ["q0": .single("b"), "q1": .single("b")])

        // then
        #expect(result.overall == Double(first + second) / 2)
        #expect(result.score == expected)
    }

    @Test("a category the attempt has no questions in doesn't lower the overall score")
    func absentCategoryIgnored() throws {
        // given: two equally weighted categories, but the attempt only asks about one
        let quiz = F.quiz(categories: [Self.api, Self.docs])

        // when
        let result = score(quiz, [("api", 80), ("api", 80)])

        // then
        let apiScore = try #require(result.categoryScores.first)
        let naiveOverall = (Self.api.weight * Double(apiScore.score) + Self.docs.weight * 0) / (Self.api.weight + Self.docs.weight)
        #expect(result.categoryScores.map(\.key) == ["api"])
        #expect(naiveOverall == 40)
        #expect(result.overall == 80)
        #expect(result.score == 80)
        #expect(!result.weaknesses.contains("documentation"))
    }

    @Test("category weights set how much each category counts")
    func weightedOverall() {
        // given
        let quiz = F.quiz(categories: [
            QuizCategory(key: "api", name: "API Design", weight: 3),
            QuizCategory(key: "documentation", name: "Documentation", weight: 1),
        ])

        // when
        let result = score(quiz, [("api", 100), ("documentation", 0)])

        // then
        #expect(result.overall == 75)
        #expect(result.score == 75)
        #expect(result.categoryScores.map(\.weight) == [3, 1])
    }

    @Test("the overall score is the weighted mean of the rounded category percentages, unrounded")
    func unroundedOverall() {
        // given
        let quiz = F.quiz(categories: [
            QuizCategory(key: "a", name: "A", weight: 1.1),
            QuizCategory(key: "b", name: "B", weight: 1),
            QuizCategory(key: "c", name: "C", weight: 1),
        ])

        // when: 13.5 % rounds (half to even) to 14 before weighting
        let result = score(quiz, [("a", 100), ("b", 13.5), ("c", 0)])

        // then
        #expect(abs(result.overall - (1.1 * 100 + 14) / 3.1) < 1e-9)
        #expect(result.score == 40)
    }

    @Test("a category the quiz doesn't describe is named by its key and weighs 1")
    func undescribedCategory() {
        let result = score(F.quiz(categories: [QuizCategory(key: "api", name: "API Design", weight: 3)]), [("api", 100), ("security", 0)])
        #expect(result.categoryScores.last == CategoryScore(
            key: "security", name: "security", icon: nil, weight: 1, score: 0, points: 0, maxPoints: 100, questionCount: 1
        ))
        #expect(result.score == 75)
    }

    @Test("a question worth nothing counts as answered but adds nothing")
    func zeroPointQuestion() {
        // given
        let free = F.choiceQuestion(id: "free", category: "api", weights: ["a": 0, "b": 0])
        let real = F.question(worth: 50, id: "real", category: "api")

        // when
        let result = QuizScoring.score(quiz: F.quiz(), questions: [free, real], answers: ["free": .single("a"), "real": .single("b")])

        // then
        #expect(result.questionScores[0] == QuestionScore(questionID: "free", category: "api", points: 0, maxPoints: 0, answered: true))
        #expect(result.categoryScores.first?.score == 50)
        #expect(result.categoryScores.first?.questionCount == 2)
    }

    @Test("a category whose questions are worth nothing scores 0 %")
    func zeroPointCategory() {
        let free = F.choiceQuestion(id: "free", category: "api", weights: ["a": 0, "b": 0])
        let result = QuizScoring.score(quiz: F.quiz(), questions: [free], answers: ["free": .single("a")])
        #expect(result.categoryScores.first?.score == 0)
        #expect(result.score == 0)
    }

    @Test("the level is the highest one whose threshold the score reaches", arguments: [
        (0.0, "junior"), (39, "junior"), (40, "junior_plus"), (54, "junior_plus"), (55, "middle"), (69, "middle"),
        (70, "middle_plus"), (84, "middle_plus"), (85, "senior"), (100, "senior"),
    ])
    func levelBoundaries(percent: Double, expectedLevel: String) {
        let result = score(F.quiz(), [("api", percent)])
        #expect(result.score == Int(percent))
        #expect(result.level?.key == expectedLevel)
    }

    @Test("the level compares the rounded score, so 55.5 rounds to 56 and 54.5 to 54, as in the replaced service")
    func levelUsesRoundedScore() {
        // when
        let up = score(F.quiz(), [("api", 55), ("documentation", 56)])
        let down = score(F.quiz(), [("api", 54), ("documentation", 55)])

        // then
        #expect(up.overall == 55.5)
        #expect(up.score == 56)
        #expect(up.level?.key == "middle")
        #expect(down.overall == 54.5)
        #expect(down.score == 54)
        #expect(down.level?.key == "junior_plus")
    }

    @Test("a score below every threshold reaches no level")
    func noLevel() {
        let quiz = F.quiz(levels: [QuizLevel(key: "middle", minScore: 55), QuizLevel(key: "senior", minScore: 85)])
        #expect(score(quiz, [("api", 54)]).level == nil)
        #expect(score(F.quiz(levels: []), [("api", 100)]).level == nil)
    }

    @Test("strengths are 70 % and up, best first; weaknesses are under 60 %, weakest first")
    func strengthsAndWeaknesses() {
        // when
        let result = score(F.quiz(), [
            ("b_seventy", 70), ("a_ninety", 90), ("c_sixty_nine", 69), ("d_sixty", 60), ("e_fifty_nine", 59), ("f_ten", 10),
            ("g_also_ninety", 90),
        ])

        // then
        #expect(result.strengths == ["a_ninety", "g_also_ninety", "b_seventy"])
        #expect(result.weaknesses == ["f_ten", "e_fifty_nine"])
    }

    @Test("an attempt passes at exactly the passing score and not one point below", arguments: [
        (50.0, 50.0, true), (49, 50, false), (100, 100, true), (99, 100, false), (0, 0, true),
    ])
    func passing(percent: Double, passingScore: Double, expected: Bool) {
        #expect(score(F.quiz(passingScore: passingScore), [("api", percent)]).passed == expected)
    }

    @Test("passing compares the rounded score")
    func passingUsesRoundedScore() {
        let result = score(F.quiz(passingScore: 50), [("api", 49), ("documentation", 50)])
        #expect(result.overall == 49.5)
        #expect(result.passed)
    }

    @Test("an attempt without questions scores 0 at the lowest level and doesn't pass")
    func noQuestions() {
        // when
        let result = QuizScoring.score(quiz: F.quiz(categories: [Self.api], passingScore: 0), questions: [], answers: ["x": .single("a")])

        // then
        #expect(result == QuizResult(
            score: 0, overall: 0, categoryScores: [], level: QuizLevel(key: "junior", minScore: 0), passed: false,
            strengths: [], weaknesses: [], questionScores: [], points: 0, maxPoints: 0
        ))
    }

    @Test("a result survives a JSON round trip")
    func codable() throws {
        // given
        let result = score(F.quiz(categories: [Self.api]), [("api", 80), ("documentation", 40)])

        // when
        let decoded = try JSONDecoder().decode(QuizResult.self, from: try JSONEncoder().encode(result))

        // then
        #expect(decoded == result)
        #expect(decoded.level?.key == "middle")
    }
}
