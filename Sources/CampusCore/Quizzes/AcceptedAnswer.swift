import Foundation

/// A text answer that earns points, with the points it earns.
public struct AcceptedAnswer: Sendable, Equatable, Codable {
    /// Compared after `TextAnswer.normalize`, so case, extra spaces and "ё"/"е" don't matter.
    public var answer: String
    public var weight: Double

    public init(answer: String, weight: Double) {
        self.answer = answer
        self.weight = weight
    }
}
