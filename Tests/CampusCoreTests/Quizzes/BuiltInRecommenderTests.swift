import Foundation
import Testing
@testable import CampusCore

@Suite("Built-in study plans")
struct BuiltInRecommenderTests {
    typealias F = QuizContentFactories

    static let quiz = F.quiz(categories: [
        QuizCategory(key: "api", name: "API Design", icon: "🔌", weight: 1.1, description: "REST resources, versioning and error formats"),
        QuizCategory(key: "documentation", name: "Documentation", icon: "📄", weight: 1),
        QuizCategory(key: "modeling", name: "Data Modeling", icon: "🗂", weight: 1),
        QuizCategory(key: "security", name: "Security", icon: "🔒", weight: 1),
    ])

    static let longQuestionText = "A partner integration retries every failed request up to five times with exponential backoff, "
        + "and duplicates appear in the orders table. Which change to the API contract fixes this for good?"

    static func choice(_ id: String, _ category: String, _ text: String, best: String, weights: [String: Double]) -> Question {
        Question(
            id: id, category: category, mode: .single, text: text,
            options: weights.keys.sorted().map { value in
                QuestionOption(value: value, text: value == "a" ? best : "Plausible distractor \(value) for \(id)")
            },
            weights: weights,
            explanation: "The answer is: \(best)"
        )
    }

    static let questions: [Question] = [
        choice("a1", "api", longQuestionText, best: "Require an Idempotency-Key header", weights: ["a": 5, "b": 2, "c": 0]),
        choice("a2", "api", "How should a breaking change to a public endpoint ship?", best: "Publish it as a new major version",
               weights: ["a": 4, "b": 1, "c": 0]),
        choice("a3", "api", "Which status code fits a validation failure?", best: "Answer with 422 and a problem+json body",
               weights: ["a": 3, "b": 0]),
        choice("a4", "api", "How should a list endpoint page through results?", best: "Use an opaque keyset cursor",
               weights: ["a": 2, "b": 0]),
        choice("a5", "api", "Which verb creates a resource?", best: "POST to the collection", weights: ["a": 2, "b": 0]),
        choice("s1", "security", "Where should a refresh token be stored in a browser?", best: "In an HttpOnly secure cookie",
               weights: ["a": 5, "b": 0]),
        choice("d1", "documentation", "Which document should the team write first?", best: "An OpenAPI description",
               weights: ["a": 5, "b": 2]),
        choice("m1", "modeling", "How do you model a many-to-many relation?", best: "With a join table", weights: ["a": 20, "b": 13]),
    ]

    static let answers: [String: SubmittedAnswer] = [
        "a1": .single("c"), "a2": .single("b"), "a3": .single("b"), "a4": .single("b"), "a5": .single("a"),
        "d1": .single("a"), "m1": .single("b"),
    ]

    static let courses = [
        CourseSuggestion(title: "REST API Design in Practice", url: "https://campus.example/courses/rest-api", category: "api"),
        CourseSuggestion(title: "Security for Analysts", url: "https://campus.example/courses/security", category: "Security"),
        CourseSuggestion(title: "Writing OpenAPI", url: "https://campus.example/courses/openapi", category: "documentation"),
    ]

    static var bank: [String: Question] { Dictionary(uniqueKeysWithValues: questions.map { ($0.id, $0) }) }

    func makePlan(
        quiz: Quiz = quiz, questions: [Question] = questions, answers: [String: SubmittedAnswer] = answers,
        experience: String? = nil, courses: [CourseSuggestion] = courses
    ) -> (plan: String, result: QuizResult) {
        let result = QuizScoring.score(quiz: quiz, questions: questions, answers: answers)
        let bank = Dictionary(uniqueKeysWithValues: questions.map { ($0.id, $0) })
        let plan = BuiltInRecommender.plan(
            quiz: quiz, result: result, questions: bank, answers: answers, experience: experience, courses: courses
        )
        return (plan, result)
    }

    @Test("names the level reached and the points the next level needs")
    func levelAndNextLevel() {
        // when
        let (plan, result) = makePlan()

        // then
        #expect(result.score == 45)
        #expect(plan.contains("**Score:** 45 / 100 · **Level:** Junior+"))
        #expect(plan.contains("**Next level:** Middle needs 55 — 10 points to go."))
        #expect(plan.contains("**Passing score:** 50 — not passed yet, 5 points to go."))
    }

    @Test("says so when the highest level is reached, naming the step beyond it")
    func topLevel() {
        // given
        let answers = Dictionary(uniqueKeysWithValues: Self.questions.map { ($0.id, SubmittedAnswer.single("a")) })

        // when
        let (plan, result) = makePlan(answers: answers)

        // then
        #expect(result.level?.key == "senior")
        #expect(plan.contains("**Passing score:** 50 — passed."))
        #expect(plan.contains("you reached the highest level this assessment measures"))
        #expect(plan.contains("Lead Architect"))
        #expect(!plan.contains("points to go"))
    }

    @Test("gives every weak category its own section, weakest first, with the quiz's names")
    func weakCategorySections() throws {
        // when
        let (plan, result) = makePlan()

        // then
        #expect(result.weaknesses == ["security", "api"])
        let security = try #require(plan.range(of: "### 🔒 Security — 0%"))
        let api = try #require(plan.range(of: "### 🔌 API Design — 19%"))
        #expect(security.lowerBound < api.lowerBound)
        #expect(!plan.contains("### 📄 Documentation"))
        #expect(!plan.contains("### 🗂 Data Modeling"))
        #expect(plan.contains("**What to study:** REST resources, versioning and error formats."))
        #expect(plan.contains("**What to study:** the fundamentals of Security"))
    }

    @Test("lists at most three missed questions per weak category, the costliest first")
    func missedQuestions() throws {
        // when
        let plan = makePlan().plan

        // then: a1 lost 5, a2 and a3 lost 3 each, a4 lost 2, a5 was right
        let apiSection = try #require(plan.components(separatedBy: "### ").first { $0.hasPrefix("🔌 API Design") })
        let listed = apiSection.split(separator: "\n").filter { $0.hasPrefix("- ") }.filter { !$0.hasPrefix("- [") }
        #expect(listed.count == 3)
        #expect(listed[0].hasPrefix("- A partner integration retries"))
        #expect(listed[0].hasSuffix("(0 of 5 points)"))
        #expect(listed[1] == "- How should a breaking change to a public endpoint ship? (1 of 4 points)")
        #expect(listed[2] == "- Which status code fits a validation failure? (0 of 3 points)")
        #expect(!apiSection.contains("How should a list endpoint page through results?"))
        #expect(!apiSection.contains("Which verb creates a resource?"))
    }

    @Test("shortens long question texts to about 100 characters at a word boundary")
    func shortensQuestions() throws {
        // when
        let plan = makePlan().plan

        // then
        let line = try #require(plan.split(separator: "\n").first { $0.hasPrefix("- A partner integration") })
        let text = line.dropFirst(2).components(separatedBy: " (").first ?? ""
        #expect(text.hasSuffix("…"))
        #expect(text.count <= 101)
        #expect(Self.longQuestionText.hasPrefix(String(text.dropLast())))
        #expect(!plan.contains(Self.longQuestionText))
    }

    @Test("marks a question that wasn't answered as skipped")
    func skipped() {
        #expect(makePlan().plan.contains("- Where should a refresh token be stored in a browser? (skipped)"))
    }

    @Test("suggests the given courses for weak categories only, matched by key or name")
    func courses() {
        // when
        let plan = makePlan().plan

        // then
        #expect(plan.contains("- [REST API Design in Practice](https://campus.example/courses/rest-api)"))
        #expect(plan.contains("- [Security for Analysts](https://campus.example/courses/security)"))
        #expect(!plan.contains("Writing OpenAPI"))
    }

    @Test("leaves out the course list when no courses are given")
    func noCourses() {
        #expect(!makePlan(courses: []).plan.contains("Suggested courses"))
    }

    @Test("never reveals a question's best option, its explanation, or any option text")
    func noAnswersRevealed() {
        // when
        let plan = makePlan().plan

        // then
        for question in Self.questions {
            for best in question.bestOptions {
                #expect(!plan.contains(best.text), "\(question.id) gives away \(best.text)")
            }
            for option in question.options {
                #expect(!plan.contains(option.text))
            }
            #expect(!plan.contains(question.explanation ?? "-"))
        }
    }

    @Test("has one line on strengths and one on categories close to becoming strengths")
    func strengths() {
        let plan = makePlan().plan
        #expect(plan.contains("**Strengths:** Documentation (100%)"))
        #expect(plan.contains("**Almost there:** Data Modeling (65%)"))
    }

    @Test("says when no category is strong yet")
    func noStrengths() {
        let answers = Self.answers.filter { $0.key != "d1" && $0.key != "m1" }
        #expect(makePlan(answers: answers).plan.contains("**Strengths:** no category reached 70% yet"))
    }

    @Test("points at the lowest category when none is weak")
    func noWeakCategories() {
        // given
        let answers = Dictionary(uniqueKeysWithValues: Self.questions.map { ($0.id, SubmittedAnswer.single($0.id == "m1" ? "b" : "a")) })

        // when
        let (plan, result) = makePlan(answers: answers)

        // then
        #expect(result.weaknesses.isEmpty)
        #expect(plan.contains("No category is below 60%. Your lowest is 🗂 Data Modeling at 65%"))
        #expect(!plan.contains("### "))
    }

    @Test("relates the reported experience to what the next level usually needs")
    func experience() {
        // given: 81 % overall (API's 62.5 % rounds half to even), so Senior (5+ years) is next
        let answers = Dictionary(uniqueKeysWithValues: Self.questions.map { ($0.id, SubmittedAnswer.single("a")) })
            .merging(["a1": .single("b"), "a2": .single("b"), "m1": .single("b")]) { $1 }

        // when
        let (plan, result) = makePlan(answers: answers, experience: " 3-5 ")

        // then
        #expect(result.score == 81)
        #expect(result.level?.key == "middle_plus")
        #expect(plan.contains("**Experience:** 3-5 years. Senior usually comes with 5+ years; closing the gaps below gets you there sooner."))
        #expect(makePlan(answers: answers, experience: "5+").plan.contains("5+ years, so your experience is there"))
        #expect(!makePlan(answers: answers, experience: nil).plan.contains("Experience"))
    }

    @Test("prefers the English text of a question when the content has one")
    func englishTranslation() {
        // given
        var questions = Self.questions
        questions[5].text = "Где хранить refresh-токен в браузере?"
        questions[5].translations = ["en": ["question": "Where should the browser keep the refresh token?"]]

        // when
        let plan = makePlan(questions: questions).plan

        // then
        #expect(plan.contains("- Where should the browser keep the refresh token? (skipped)"))
        #expect(!plan.contains("Где хранить"))
    }

    @Test("gives the same text for the same input")
    func deterministic() {
        #expect(makePlan(experience: "1-2").plan == makePlan(experience: "1-2").plan)
    }

    @Test("explains that there is nothing to plan from when the attempt had no questions")
    func emptyAttempt() {
        let plan = makePlan(questions: [], answers: [:]).plan
        #expect(plan.contains("no scored questions"))
        #expect(!plan.contains("## Focus areas"))
    }

    @Test("turns level keys into readable names", arguments: [
        ("middle_plus", "Middle+"), ("junior", "Junior"), ("lead_architect", "Lead Architect"), ("senior-plus", "Senior+"), ("", ""),
    ])
    func levelNames(key: String, expected: String) {
        #expect(BuiltInRecommender.levelName(key) == expected)
    }

    @Test("keeps short question texts whole, on one line")
    func shortTexts() {
        #expect(BuiltInRecommender.shortened("Which verb\ncreates   a resource?") == "Which verb creates a resource?")
        let unbroken = String(repeating: "x", count: 150)
        #expect(BuiltInRecommender.shortened(unbroken) == String(repeating: "x", count: 99) + "…")
        // Characters made of many scalars are cut by character, never inside one.
        let accented = String(repeating: "e\u{301}\u{302}\u{303}\u{304}\u{305}", count: 120)
        let cut = BuiltInRecommender.shortened(accented)
        #expect(cut.count == 100 && cut.hasSuffix("…") && accented.hasPrefix(cut.dropLast()))
        #expect(BuiltInRecommender.shortened(" \u{2003}Short\u{00A0}text\t ") == "Short text")
    }

    @Test("cuts a long question at a word and drops the punctuation before the ellipsis")
    func cutsAtWords() {
        let listed = Array(repeating: "слово,", count: 40).joined(separator: " \n")
        #expect(BuiltInRecommender.shortened(listed) == Array(repeating: "слово", count: 14).joined(separator: ", ") + "…")
        let exactlyAtLimit = String(repeating: "я", count: 100)
        #expect(BuiltInRecommender.shortened(exactlyAtLimit) == exactlyAtLimit)
        let oneOver = String(repeating: "я", count: 101)
        #expect(BuiltInRecommender.shortened(oneOver) == String(repeating: "я", count: 99) + "…")
    }

    @Test("writes whole numbers without decimals and others with one")
    func numbers() {
        #expect(BuiltInRecommender.formatted(5) == "5")
        #expect(BuiltInRecommender.formatted(2.5) == "2.5")
        #expect(BuiltInRecommender.formatted(1.04) == "1")
        #expect(BuiltInRecommender.formatted(0.25) == "0.3")
    }
}
