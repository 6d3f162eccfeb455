import Foundation
import Testing
@testable import CampusCore

@Suite("What a question can earn")
struct QuestionTests {
    typealias F = QuizContentFactories

    @Test("a single-choice question is worth its best option, and never less than 0")
    func singleMaxPoints() {
        #expect(F.choiceQuestion(mode: .single, weights: ["a": 4, "b": 5, "c": 2, "d": 0]).maxPoints == 5)
        #expect(F.choiceQuestion(mode: .single, weights: ["a": -4, "b": -1]).maxPoints == 0)
        #expect(F.choiceQuestion(mode: .single, weights: ["a": 2.5, "b": 1]).maxPoints == 2.5)
    }

    @Test("a multiple-choice question is worth all its positive weights together")
    func multipleMaxPoints() {
        #expect(F.choiceQuestion(mode: .multiple, weights: ["a": 2, "b": 1.5, "c": -3, "d": 0]).maxPoints == 3.5)
        #expect(F.choiceQuestion(mode: .multiple, weights: ["a": -2, "b": -1]).maxPoints == 0)
    }

    @Test("a text question is worth its best accepted answer")
    func textMaxPoints() {
        let question = F.textQuestion(accepted: [AcceptedAnswer(answer: "x", weight: 2), AcceptedAnswer(answer: "y", weight: 5)])
        #expect(question.maxPoints == 5)
        #expect(F.textQuestion(accepted: []).maxPoints == 0)
    }

    @Test("a weight for a value that is not an option counts for nothing")
    func strayWeight() {
        var question = F.choiceQuestion(mode: .multiple, weights: ["a": 1, "b": 2])
        question.weights["z"] = 100
        #expect(question.maxPoints == 3)
    }

    @Test("the best single option is the first one with the highest weight")
    func singleBestOption() {
        let question = F.choiceQuestion(mode: .single, weights: ["a": 4, "b": 5, "c": 5, "d": 0])
        #expect(question.bestOptions.map(\.value) == ["b"])
    }

    @Test("the best multiple options are all options with a positive weight, in option order")
    func multipleBestOptions() {
        let question = F.choiceQuestion(mode: .multiple, weights: ["a": 1, "b": -1, "c": 0, "d": 0.5])
        #expect(question.bestOptions.map(\.value) == ["a", "d"])
    }

    @Test("a text question, or one where nothing scores, has no best option")
    func noBestOption() {
        #expect(F.textQuestion(accepted: [AcceptedAnswer(answer: "x", weight: 2)]).bestOptions.isEmpty)
        #expect(F.choiceQuestion(mode: .single, weights: ["a": 0, "b": -1]).bestOptions.isEmpty)
    }
}
