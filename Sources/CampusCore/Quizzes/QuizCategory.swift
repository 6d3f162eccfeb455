import Foundation

/// A scored area of a quiz ("API Design"); its weight sets how much it counts in the overall score.
public struct QuizCategory: Sendable, Equatable, Codable {
    public var key: String
    public var name: String
    public var icon: String?
    /// Relative weight in the overall score; always above 0.
    public var weight: Double
    public var description: String?
    /// Where the category stands when categories are listed (`Quiz.categoriesInOrder`).
    public var order: Int?

    public init(key: String, name: String, icon: String? = nil, weight: Double = 1, description: String? = nil, order: Int? = nil) {
        self.key = key
        self.name = name
        self.icon = icon
        self.weight = weight
        self.description = description
        self.order = order
    }
}
