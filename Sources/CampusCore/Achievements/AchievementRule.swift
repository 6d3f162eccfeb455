/// An achievement's rule as authored: `{"all":[…]}`, `{"any":[…]}`, `{"not":…}` over conditions
/// `{"metric": M, "gte": n}` (or `eq`, `lte`) with an optional scope.
public indirect enum AchievementRule: Sendable, Equatable {
    case all([AchievementRule])
    case any([AchievementRule])
    case not(AchievementRule)
    case condition(AchievementCondition)

    /// Every fact the rule reads, so only those are counted.
    public var facts: Set<AchievementFact> {
        switch self {
        case .all(let rules), .any(let rules): rules.reduce(into: []) { $0.formUnion($1.facts) }
        case .not(let rule): rule.facts
        case .condition(let condition): [condition.fact]
        }
    }

    public var metrics: Set<AchievementMetric> { Set(facts.map(\.metric)) }

    public func holds(_ value: (AchievementFact) -> Int) -> Bool {
        switch self {
        case .all(let rules): rules.allSatisfy { $0.holds(value) }
        case .any(let rules): rules.contains { $0.holds(value) }
        case .not(let rule): !rule.holds(value)
        case .condition(let condition): condition.holds(value(condition.fact))
        }
    }

    /// The conditions still to meet, with where the learner stands, for a locked achievement's progress bar.
    /// Conditions under `not` are left out: there is nothing to work toward there.
    public func progress(_ value: (AchievementFact) -> Int) -> [AchievementProgress] {
        switch self {
        case .all(let rules): return rules.flatMap { $0.progress(value) }
        case .any(let rules):
            // The branch closest to done is the one to show.
            return rules.map { $0.progress(value) }.min { $0.remainingShare < $1.remainingShare } ?? []
        case .not: return []
        case .condition(let condition):
            let current = value(condition.fact)
            return [AchievementProgress(metric: condition.level == nil ? condition.fact.metric : .quizLevelAtLeast, scope: condition.fact.scope,
                                        current: current, target: condition.target, met: condition.holds(current))]
        }
    }
}

public struct AchievementCondition: Sendable, Equatable {
    public enum Comparison: String, Sendable, CaseIterable {
        case gte, eq, lte
    }

    public var fact: AchievementFact
    public var comparison: Comparison
    public var target: Int
    /// For `quiz_level_at_least`: the level key as authored (the target is then 1: reached).
    public var level: String?

    public init(fact: AchievementFact, comparison: Comparison, target: Int, level: String? = nil) {
        self.fact = fact
        self.comparison = comparison
        self.target = target
        self.level = level
    }

    public func holds(_ current: Int) -> Bool {
        switch comparison {
        case .gte: current >= target
        case .eq: current == target
        case .lte: current <= target
        }
    }
}

public struct AchievementProgress: Sendable, Equatable {
    public var metric: AchievementMetric
    public var scope: AchievementScope?
    public var current: Int
    public var target: Int
    public var met: Bool

    public init(metric: AchievementMetric, scope: AchievementScope?, current: Int, target: Int, met: Bool) {
        self.metric = metric
        self.scope = scope
        self.current = current
        self.target = target
        self.met = met
    }
}

extension [AchievementProgress] {
    /// How much is left, 0 (done) to 1 (nothing yet), averaged over the conditions.
    var remainingShare: Double {
        guard !isEmpty else { return 1 }
        return map { item in
            if item.met { return 0.0 }
            guard item.target > 0 else { return 1.0 }
            return Swift.max(0, 1 - Double(item.current) / Double(item.target))
        }.reduce(0, +) / Double(count)
    }
}
