import Foundation

/// Decides the order an attempt shows questions and options in.
public enum AttemptPlan {
    /// The question order and per-question option order for one attempt; the same seed always gives the same plan.
    ///
    /// `questionIDs` are the quiz's question ids that exist in `questions`, shuffled when the quiz
    /// says so; `optionOrder` holds, for each of them, the option values (shuffled when the quiz says
    /// so), and `[]` for a text question.
    public static func make(quiz: Quiz, questions: [String: Question], seed: UInt64) -> (questionIDs: [String], optionOrder: [String: [String]]) {
        var questionIDs = quiz.questionIDs.filter { questions[$0] != nil }
        if quiz.settings.shuffleQuestions {
            var generator = SeededGenerator(seed: seed)
            shuffle(&questionIDs, using: &generator)
        }

        var optionOrder: [String: [String]] = [:]
        for questionID in questionIDs {
            guard let question = questions[questionID] else { continue }
            var values = question.mode == .text ? [] : question.options.map(\.value)
            if quiz.settings.shuffleOptions {
                // A generator per question, keyed by its id, keeps each question's option order
                // unchanged when other questions are added, removed or reordered.
                var generator = SeededGenerator(seed: seed ^ stableHash(questionID))
                shuffle(&values, using: &generator)
            }
            optionOrder[questionID] = values
        }
        return (questionIDs, optionOrder)
    }

    /// Fisher–Yates with our own bounded draw: the standard library's `shuffle(using:)` doesn't
    /// promise the same result across Swift versions, and a stored seed must keep giving the same plan.
    static func shuffle<Element>(_ items: inout [Element], using generator: inout SeededGenerator) {
        guard items.count > 1 else { return }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            let other = Int(boundedRandom(below: UInt64(index + 1), using: &generator))
            items.swapAt(index, other)
        }
    }

    /// Uniform in `0..<bound`, by rejecting the draws that would bias the remainder.
    static func boundedRandom(below bound: UInt64, using generator: inout SeededGenerator) -> UInt64 {
        let rejectBelow = (0 &- bound) % bound  // 2^64 mod bound
        while true {
            let draw = generator.next()
            if draw >= rejectBelow { return draw % bound }
        }
    }

    /// FNV-1a over UTF-8: `Hasher` is seeded per process, so it can't be used for anything stored.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
