import Foundation
import Testing
@testable import CampusCore

@Suite("Seeded random numbers")
struct SeededGeneratorTests {
    @Test("follow the published SplitMix64 sequence")
    func knownSequence() {
        // given: the reference implementation's first outputs for seed 0
        var generator = SeededGenerator(seed: 0)

        // then
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    @Test("give the same sequence for the same seed and another for another seed")
    func determinism() {
        var first = SeededGenerator(seed: 42)
        var again = SeededGenerator(seed: 42)
        var other = SeededGenerator(seed: 43)
        let firstValues = (0..<5).map { _ in first.next() }
        #expect(firstValues == (0..<5).map { _ in again.next() })
        #expect(firstValues != (0..<5).map { _ in other.next() })
    }

    @Test("draw bounded numbers inside the bound, reaching every value")
    func bounded() {
        var generator = SeededGenerator(seed: 7)
        let draws = (0..<600).map { _ in AttemptPlan.boundedRandom(below: 6, using: &generator) }
        #expect(draws.allSatisfy { $0 < 6 })
        #expect(Set(draws) == Set(0..<6))
    }
}

@Suite("Attempt plans")
struct AttemptPlanTests {
    typealias F = QuizContentFactories

    /// Twelve single-choice questions with five options each, plus one text question.
    static let bank: [String: Question] = {
        var bank: [String: Question] = [:]
        for index in 1...12 {
            let id = "q\(index)"
            bank[id] = F.choiceQuestion(id: id, weights: ["a": 1, "b": 2, "c": 3, "d": 4, "e": 5])
        }
        bank["t1"] = F.textQuestion(id: "t1", accepted: [AcceptedAnswer(answer: "rest", weight: 1)])
        return bank
    }()

    static let questionIDs = (1...12).map { "q\($0)" } + ["t1"]

    func quiz(shuffleQuestions: Bool, shuffleOptions: Bool, questionIDs: [String] = questionIDs) -> Quiz {
        F.quiz(questionIDs: questionIDs, settings: QuizSettings(shuffleQuestions: shuffleQuestions, shuffleOptions: shuffleOptions))
    }

    @Test("the same seed always gives the same plan")
    func sameSeed() {
        // given
        let quiz = quiz(shuffleQuestions: true, shuffleOptions: true)

        // when
        let first = AttemptPlan.make(quiz: quiz, questions: Self.bank, seed: 2024)
        let second = AttemptPlan.make(quiz: quiz, questions: Self.bank, seed: 2024)

        // then
        #expect(first.questionIDs == second.questionIDs)
        #expect(first.optionOrder == second.optionOrder)
    }

    @Test("a stored seed keeps giving the plan it gave when the attempt started")
    func pinnedPlan() {
        // Pinned so that a change to the shuffle, which would silently reorder attempts in progress, fails here.
        let plan = AttemptPlan.make(quiz: quiz(shuffleQuestions: true, shuffleOptions: true), questions: Self.bank, seed: 2024)
        #expect(plan.questionIDs == ["q1", "t1", "q10", "q2", "q8", "q9", "q5", "q4", "q12", "q6", "q11", "q3", "q7"])
        #expect(plan.optionOrder["q1"] == ["d", "c", "b", "e", "a"])
        #expect(plan.optionOrder["q7"] == ["c", "d", "e", "b", "a"])
    }

    @Test("different seeds give different orders")
    func differentSeeds() {
        // given
        let quiz = quiz(shuffleQuestions: true, shuffleOptions: true)

        // when
        let plans = (1...5).map { AttemptPlan.make(quiz: quiz, questions: Self.bank, seed: UInt64($0)) }

        // then
        #expect(Set(plans.map(\.questionIDs)).count == 5)
        #expect(plans[0].optionOrder != plans[1].optionOrder)
    }

    @Test("shuffling really moves questions and options")
    func shuffles() {
        // when
        let plan = AttemptPlan.make(quiz: quiz(shuffleQuestions: true, shuffleOptions: true), questions: Self.bank, seed: 99)

        // then
        #expect(plan.questionIDs != Self.questionIDs)
        #expect((1...12).contains { plan.optionOrder["q\($0)"] != ["a", "b", "c", "d", "e"] })
    }

    @Test("nothing is shuffled when the quiz says not to")
    func noShuffle() {
        // when
        let plan = AttemptPlan.make(quiz: quiz(shuffleQuestions: false, shuffleOptions: false), questions: Self.bank, seed: 99)

        // then
        #expect(plan.questionIDs == Self.questionIDs)
        #expect((1...12).allSatisfy { plan.optionOrder["q\($0)"] == ["a", "b", "c", "d", "e"] })
    }

    @Test("questions and options are shuffled independently of each other's setting")
    func independentSettings() {
        let questionsOnly = AttemptPlan.make(quiz: quiz(shuffleQuestions: true, shuffleOptions: false), questions: Self.bank, seed: 5)
        #expect(questionsOnly.questionIDs != Self.questionIDs)
        #expect(questionsOnly.optionOrder.values.allSatisfy { $0 == ["a", "b", "c", "d", "e"] || $0.isEmpty })

        let optionsOnly = AttemptPlan.make(quiz: quiz(shuffleQuestions: false, shuffleOptions: true), questions: Self.bank, seed: 5)
        #expect(optionsOnly.questionIDs == Self.questionIDs)
        #expect(optionsOnly.optionOrder.values.contains { $0 != ["a", "b", "c", "d", "e"] && !$0.isEmpty })
    }

    @Test("a shuffled plan keeps every question and every option exactly once", arguments: [UInt64(0), 1, 17, .max])
    func preservesItems(seed: UInt64) {
        // when
        let plan = AttemptPlan.make(quiz: quiz(shuffleQuestions: true, shuffleOptions: true), questions: Self.bank, seed: seed)

        // then
        #expect(plan.questionIDs.sorted() == Self.questionIDs.sorted())
        #expect(Set(plan.optionOrder.keys) == Set(Self.questionIDs))
        for index in 1...12 {
            #expect(plan.optionOrder["q\(index)"]?.sorted() == ["a", "b", "c", "d", "e"])
        }
    }

    @Test("a text question gets no option order")
    func textQuestion() {
        let plan = AttemptPlan.make(quiz: quiz(shuffleQuestions: true, shuffleOptions: true), questions: Self.bank, seed: 3)
        #expect(plan.optionOrder["t1"] == [])
    }

    @Test("questions missing from the bank are left out")
    func missingQuestions() {
        // given
        let quiz = quiz(shuffleQuestions: false, shuffleOptions: false, questionIDs: ["q1", "gone", "q2"])

        // when
        let plan = AttemptPlan.make(quiz: quiz, questions: Self.bank, seed: 1)

        // then
        #expect(plan.questionIDs == ["q1", "q2"])
        #expect(plan.optionOrder["gone"] == nil)
    }

    @Test("a question's option order doesn't change when other questions are added")
    func stableOptionOrder() {
        let small = AttemptPlan.make(quiz: quiz(shuffleQuestions: true, shuffleOptions: true, questionIDs: ["q3", "q4"]),
                                     questions: Self.bank, seed: 11)
        let large = AttemptPlan.make(quiz: quiz(shuffleQuestions: true, shuffleOptions: true), questions: Self.bank, seed: 11)
        #expect(small.optionOrder["q3"] == large.optionOrder["q3"])
        #expect(small.optionOrder["q4"] == large.optionOrder["q4"])
    }

    @Test("an empty quiz gives an empty plan")
    func emptyQuiz() {
        let plan = AttemptPlan.make(quiz: quiz(shuffleQuestions: true, shuffleOptions: true, questionIDs: []), questions: Self.bank, seed: 1)
        #expect(plan.questionIDs.isEmpty)
        #expect(plan.optionOrder.isEmpty)
    }
}
