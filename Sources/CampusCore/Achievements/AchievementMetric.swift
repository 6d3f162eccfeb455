/// A learning fact an achievement rule can read, each counted by one SQL aggregate.
public enum AchievementMetric: String, Sendable, CaseIterable, Codable {
    case lessonsCompleted = "lessons_completed"
    case coursesCompleted = "courses_completed"
    case enrollments
    /// Distinct quizzes passed.
    case quizPassed = "quiz_passed"
    /// The best score (0–100) on one quiz.
    case quizBestScore = "quiz_best_score"
    /// Whether the best score on one quiz reaches a level of that quiz (1 or 0).
    case quizLevelAtLeast = "quiz_level_at_least"
    case streakDays = "streak_days"
    case longestStreakDays = "longest_streak_days"
    case timeOnTaskMinutes = "time_on_task_minutes"
    case practicesPassed = "practices_passed"
    case points

    /// The scopes a metric may be narrowed by; `quiz` is required where it is the only one.
    public var scopes: Set<AchievementScope.Kind> {
        switch self {
        case .lessonsCompleted, .coursesCompleted, .enrollments, .timeOnTaskMinutes, .practicesPassed: [.course, .category]
        case .quizPassed: [.quiz, .category]
        case .quizBestScore, .quizLevelAtLeast: [.quiz]
        case .streakDays, .longestStreakDays, .points: []
        }
    }

    public var requiresQuiz: Bool { self == .quizBestScore || self == .quizLevelAtLeast }
}

/// What a condition's count is narrowed to: one course, one category or one quiz (content ids or slugs,
/// resolved when the rule is saved).
public struct AchievementScope: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case course, category, quiz
    }

    public var kind: Kind
    /// The resolved reference: a course or category id (UUID text) or a quiz content id.
    public var id: String

    public init(kind: Kind, id: String) {
        self.kind = kind
        self.id = id
    }
}

/// One number a rule reads: a metric, maybe narrowed, and (for `quiz_level_at_least`) the score the level needs.
public struct AchievementFact: Sendable, Hashable, Codable {
    public var metric: AchievementMetric
    public var scope: AchievementScope?

    public init(metric: AchievementMetric, scope: AchievementScope? = nil) {
        self.metric = metric
        self.scope = scope
    }
}
