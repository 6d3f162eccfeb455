import Foundation

/// A catalog course worth taking for a quiz category.
public struct CourseSuggestion: Sendable, Equatable {
    public var title: String
    public var url: String
    /// The quiz category key the course teaches (its display name is matched too).
    public var category: String

    public init(title: String, url: String, category: String) {
        self.title = title
        self.url = url
        self.category = category
    }
}
