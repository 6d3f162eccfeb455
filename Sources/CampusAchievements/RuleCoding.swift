import CampusCore

/// The resolved rule as stored (`resolved_rule`): references already turned into ids, so evaluating
/// never looks anything up.
enum RuleCoding {
    static func encode(_ rule: AchievementRule) -> JSONValue {
        switch rule {
        case .all(let rules): return ["all": .array(rules.map(encode))]
        case .any(let rules): return ["any": .array(rules.map(encode))]
        case .not(let rule): return ["not": encode(rule)]
        case .condition(let condition):
            var members: JSONObject = ["metric": .string(condition.fact.metric.rawValue),
                                       condition.comparison.rawValue: .int(Int64(condition.target))]
            if let scope = condition.fact.scope { members["scope_kind"] = .string(scope.kind.rawValue); members["scope_id"] = .string(scope.id) }
            if let level = condition.level { members["level"] = .string(level) }
            return .object(members)
        }
    }

    static func decode(_ value: JSONValue) -> AchievementRule? {
        guard let members = value.objectValue else { return nil }
        if let items = members["all"]?.arrayValue { return items.map(decode).allNonNil.map(AchievementRule.all) }
        if let items = members["any"]?.arrayValue { return items.map(decode).allNonNil.map(AchievementRule.any) }
        if let inner = members["not"] { return decode(inner).map(AchievementRule.not) }
        guard let metric = members["metric"]?.stringValue.flatMap(AchievementMetric.init(rawValue:)),
              let comparison = AchievementCondition.Comparison.allCases.first(where: { members[$0.rawValue] != nil }),
              let target = members[comparison.rawValue]?.intValue else { return nil }
        var scope: AchievementScope?
        if let kind = members["scope_kind"]?.stringValue.flatMap(AchievementScope.Kind.init(rawValue:)), let id = members["scope_id"]?.stringValue {
            scope = AchievementScope(kind: kind, id: id)
        }
        return .condition(AchievementCondition(fact: AchievementFact(metric: metric, scope: scope), comparison: comparison, target: target,
                                               level: members["level"]?.stringValue))
    }
}

extension Array {
    /// The elements unwrapped, or nil when any is nil.
    func unwrapped<T>() -> [T]? where Element == T? {
        var result: [T] = []
        for element in self { guard let element else { return nil }; result.append(element) }
        return result
    }
}

extension Array where Element == AchievementRule? {
    var allNonNil: [AchievementRule]? { unwrapped() }
}
