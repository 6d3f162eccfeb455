/// Reads a rule as authored and refuses, with JSON paths (`rule.all[1].metric`), unknown metrics,
/// scopes a metric cannot take, and references that do not resolve. Two passes: `references` names what
/// the caller must look up (course and category ids or slugs, quizzes and their levels), `parse` builds
/// the rule from what was found.
public enum AchievementRuleParser {
    public static let maximumDepth = 8
    public static let maximumConditions = 50

    public struct Reference: Sendable, Hashable {
        public var kind: AchievementScope.Kind
        public var text: String
    }

    /// What the caller found for the references: the resolved id per reference, and each quiz's levels
    /// (key → lowest score that reaches it).
    public struct Resolution: Sendable {
        public var ids: [Reference: String]
        public var quizLevels: [String: [String: Double]]

        public init(ids: [Reference: String] = [:], quizLevels: [String: [String: Double]] = [:]) {
            self.ids = ids
            self.quizLevels = quizLevels
        }
    }

    public static func references(in value: JSONValue) -> Set<Reference> {
        switch value {
        case .object(let members):
            var found = Set<Reference>()
            for kind in AchievementScope.Kind.allCases {
                if let text = members[kind.rawValue]?.stringValue { found.insert(Reference(kind: kind, text: text)) }
            }
            for key in ["all", "any"] { for item in members[key]?.arrayValue ?? [] { found.formUnion(references(in: item)) } }
            if let inner = members["not"] { found.formUnion(references(in: inner)) }
            return found
        default:
            return []
        }
    }

    public static func parse(_ value: JSONValue, path: String = "rule", resolution: Resolution) throws(ContentIssues) -> AchievementRule {
        var issues: [ContentIssue] = []
        var conditions = 0
        let rule = parse(value, path: path, depth: 0, resolution: resolution, issues: &issues, conditions: &conditions)
        if conditions > maximumConditions {
            issues.append(ContentIssue(path: path, message: "has \(conditions) conditions; at most \(maximumConditions) are allowed"))
        }
        guard issues.isEmpty, let rule else { throw ContentIssues(issues: issues) }
        return rule
    }

    private static func parse(_ value: JSONValue, path: String, depth: Int, resolution: Resolution,
                              issues: inout [ContentIssue], conditions: inout Int) -> AchievementRule? {
        guard depth < maximumDepth else {
            issues.append(ContentIssue(path: path, message: "nests deeper than \(maximumDepth) levels"))
            return nil
        }
        guard let members = value.objectValue else {
            issues.append(ContentIssue(path: path, message: "must be an object: {\"all\": […]}, {\"any\": […]}, {\"not\": …} or {\"metric\": …, \"gte\": n}"))
            return nil
        }
        let combinators = ["all", "any", "not"].filter { members[$0] != nil }
        if let combinator = combinators.first {
            guard combinators.count == 1, members.count == 1 else {
                issues.append(ContentIssue(path: path, message: "must hold only one of all, any, not"))
                return nil
            }
            if combinator == "not" {
                return parse(members["not"]!, path: path + ".not", depth: depth + 1, resolution: resolution, issues: &issues, conditions: &conditions)
                    .map(AchievementRule.not)
            }
            guard let items = members[combinator]?.arrayValue, !items.isEmpty else {
                issues.append(ContentIssue(path: "\(path).\(combinator)", message: "must be a non-empty array of rules"))
                return nil
            }
            let parsed = items.enumerated().map {
                parse($0.element, path: "\(path).\(combinator)[\($0.offset)]", depth: depth + 1, resolution: resolution, issues: &issues, conditions: &conditions)
            }
            let rules = parsed.compactMap { $0 }
            guard rules.count == parsed.count else { return nil }
            return combinator == "all" ? .all(rules) : .any(rules)
        }
        conditions += 1
        return condition(members, path: path, resolution: resolution, issues: &issues).map(AchievementRule.condition)
    }

    private static func condition(_ members: JSONObject, path: String, resolution: Resolution, issues: inout [ContentIssue]) -> AchievementCondition? {
        let before = issues.count
        guard let name = members["metric"]?.stringValue, let metric = AchievementMetric(rawValue: name) else {
            let given = members["metric"].map { $0.stringValue.map { "\"\($0)\"" } ?? "not a string" } ?? "missing"
            issues.append(ContentIssue(path: path + ".metric",
                                       message: "unknown metric (\(given)); one of " + AchievementMetric.allCases.map(\.rawValue).joined(separator: ", ")))
            return nil
        }
        let allowed = Set(["metric", "gte", "eq", "lte", "level"] + AchievementScope.Kind.allCases.map(\.rawValue))
        for key in members.keys.sorted() where !allowed.contains(key) {
            issues.append(ContentIssue(path: "\(path).\(key)", message: "is not part of a condition"))
        }
        var scope: AchievementScope?
        for kind in AchievementScope.Kind.allCases {
            guard let given = members[kind.rawValue] else { continue }
            guard metric.scopes.contains(kind) else {
                let possible = metric.scopes.map(\.rawValue).sorted()
                issues.append(ContentIssue(path: "\(path).\(kind.rawValue)",
                                           message: "\(metric.rawValue) cannot be scoped to a \(kind.rawValue)" + (possible.isEmpty ? "" : " (only \(possible.joined(separator: ", ")))")))
                continue
            }
            guard let text = given.stringValue, let id = resolution.ids[Reference(kind: kind, text: text)] else {
                issues.append(ContentIssue(path: "\(path).\(kind.rawValue)", message: "no \(kind.rawValue) \(given.stringValue.map { "\"\($0)\"" } ?? "(not a string)")"))
                continue
            }
            if scope != nil {
                issues.append(ContentIssue(path: "\(path).\(kind.rawValue)", message: "a condition has one scope"))
                continue
            }
            scope = AchievementScope(kind: kind, id: id)
        }
        if metric.requiresQuiz && scope?.kind != .quiz && issues.count == before {
            issues.append(ContentIssue(path: path + ".quiz", message: "is required for \(metric.rawValue)"))
        }
        if metric == .quizLevelAtLeast {
            guard let level = members["level"]?.stringValue else {
                issues.append(ContentIssue(path: path + ".level", message: "is required: a level key of the quiz"))
                return nil
            }
            guard let scope, let levels = resolution.quizLevels[scope.id], let minimum = levels[level] else {
                if let scope, let levels = resolution.quizLevels[scope.id] {
                    issues.append(ContentIssue(path: path + ".level", message: "no level \"\(level)\" in \(scope.id); one of \(levels.keys.sorted().joined(separator: ", "))"))
                }
                return nil
            }
            guard issues.count == before else { return nil }
            return AchievementCondition(fact: AchievementFact(metric: .quizBestScore, scope: scope), comparison: .gte,
                                        target: Int(minimum.rounded(.up)), level: level)
        }
        if members["level"] != nil { issues.append(ContentIssue(path: path + ".level", message: "is only for quiz_level_at_least")) }
        let comparisons = AchievementCondition.Comparison.allCases.filter { members[$0.rawValue] != nil }
        guard comparisons.count == 1, let comparison = comparisons.first else {
            issues.append(ContentIssue(path: path, message: "needs exactly one of gte, eq, lte"))
            return nil
        }
        guard let target = members[comparison.rawValue]?.intValue, target >= 0, target <= 1_000_000_000 else {
            issues.append(ContentIssue(path: "\(path).\(comparison.rawValue)", message: "must be a whole number from 0"))
            return nil
        }
        guard issues.count == before else { return nil }
        return AchievementCondition(fact: AchievementFact(metric: metric, scope: scope), comparison: comparison, target: target)
    }
}
