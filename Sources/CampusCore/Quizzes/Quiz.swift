import Foundation

/// A quiz document as validated by `QuizContentParser.parseQuiz`; its questions live in the bank
/// and are referenced by `questionIDs`.
public struct Quiz: Sendable, Equatable {
    /// Always starts with "quiz:".
    public var id: String
    /// The content's kind, e.g. "assessment".
    public var type: String
    public var title: String
    public var description: String?
    public var slug: String?
    /// The audience the content names ("all", "junior", …); informational only.
    public var level: String?
    public var durationMinutes: Int?
    /// The overall score (0…100) an attempt needs to pass.
    public var passingScore: Double
    /// Sorted by key: the document is a JSON object, whose key order is not kept.
    public var categories: [QuizCategory]
    /// Sorted by `minScore`, highest first, so the first level at or below a score is the one reached.
    public var levels: [QuizLevel]
    public var questionIDs: [String]
    public var settings: QuizSettings
    public var translations: JSONObject?

    public init(
        id: String,
        type: String = "assessment",
        title: String,
        description: String? = nil,
        slug: String? = nil,
        level: String? = nil,
        durationMinutes: Int? = nil,
        passingScore: Double = 50,
        categories: [QuizCategory] = [],
        levels: [QuizLevel] = [],
        questionIDs: [String] = [],
        settings: QuizSettings = QuizSettings(),
        translations: JSONObject? = nil
    ) {
        self.id = id
        self.type = type
        self.title = title
        self.description = description
        self.slug = slug
        self.level = level
        self.durationMinutes = durationMinutes
        self.passingScore = passingScore
        self.categories = categories.sorted { $0.key < $1.key }
        self.levels = levels.sorted { $0.minScore > $1.minScore }
        self.questionIDs = questionIDs
        self.settings = settings
        self.translations = translations
    }

    /// The categories in the order people see them: by their `order` when the content gives one, then
    /// by where their first question stands in `questionIDs` (banks list questions category by
    /// category), then by key. A JSON object keeps no key order, and PostgreSQL's `jsonb` reorders keys,
    /// so the document's own order cannot be relied on.
    public func categoriesInOrder(questionCategories: [String: String]) -> [QuizCategory] {
        var firstSeen: [String: Int] = [:]
        for (position, questionID) in questionIDs.enumerated() {
            if let category = questionCategories[questionID], firstSeen[category] == nil { firstSeen[category] = position }
        }
        return categories.sorted { left, right in
            let leftKey = (left.order ?? Int.max, firstSeen[left.key] ?? Int.max, left.key)
            let rightKey = (right.order ?? Int.max, firstSeen[right.key] ?? Int.max, right.key)
            return leftKey < rightKey
        }
    }

    /// Minutes an attempt may last: time_limit when set, else duration_minutes; nil = no deadline.
    public var attemptMinutes: Int? {
        settings.timeLimitMinutes ?? durationMinutes
    }

    /// The category with this key; a key the quiz doesn't describe still gets a usable category
    /// (named by its key, weight 1) so a bank question with a new category can't break scoring.
    public func category(_ key: String) -> QuizCategory {
        categories.first { $0.key == key } ?? QuizCategory(key: key, name: key, icon: nil, weight: 1, description: nil)
    }
}
