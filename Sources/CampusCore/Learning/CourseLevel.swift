import Foundation

/// How much a course expects a learner to know already. The raw values are the capitalized
/// labels the content and the API use.
public enum CourseLevel: String, Sendable, Codable, CaseIterable {
    case beginner = "Beginner"
    case elementary = "Elementary"
    case intermediate = "Intermediate"
    case advanced = "Advanced"
    case expert = "Expert"

    /// Accepts the level in any letter case and with stray spaces, as hand-written content and
    /// query strings ("?level=beginner") spell it.
    public init?(lenient raw: String) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard let level = CourseLevel.allCases.first(where: { $0.rawValue.lowercased() == text }) else { return nil }
        self = level
    }
}
