/// Evaluates a JSON exercise's rules on a learner's document: every rule is checked (the learner sees
/// each verdict), and none can run away: patterns are matched only against strings of bounded length.
public enum JSONRuleCheck {
    public struct Outcome: Sendable, Equatable {
        public var rule: JSONRule
        public var passed: Bool
    }

    /// Longer strings fail a `regex` rule instead of being matched.
    public static let maximumMatchedLength = 10_000

    public static func evaluate(_ rules: [JSONRule], on document: JSONValue) -> [Outcome] {
        rules.map { rule in Outcome(rule: rule, passed: holds(rule.check, at: rule.pointer.resolve(in: document))) }
    }

    static func holds(_ check: JSONRule.Check, at value: JSONValue?) -> Bool {
        if case .exists(let expected) = check { return (value != nil) == expected }
        guard let value else { return false }
        switch check {
        case .exists:
            return true
        case .equals(let expected):
            return same(value, expected)
        case .type(let kind):
            return kindOf(value).contains(kind)
        case .regex(let pattern):
            guard let text = value.stringValue, text.count <= maximumMatchedLength,
                  let regex = try? Regex(pattern) else { return false }
            return (try? regex.wholeMatch(in: text)) != nil
        case .length(let min, let max):
            let count: Int
            switch value {
            case .string(let text): count = text.count
            case .array(let items): count = items.count
            case .object(let members): count = members.count
            default: return false
            }
            return (min.map { count >= $0 } ?? true) && (max.map { count <= $0 } ?? true)
        case .contains(let needle):
            switch value {
            case .array(let items): return items.contains { same($0, needle) }
            case .string(let text): return needle.stringValue.map { text.contains($0) } ?? false
            default: return false
            }
        case .oneOf(let options):
            return options.contains { same(value, $0) }
        }
    }

    /// JSON equality with numbers compared by value, as JSON Schema does.
    static func same(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)):
            return Double(a) == b
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        case (.object(let a), .object(let b)):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { same(value, $0) } ?? false }
        default:
            return left == right
        }
    }

    /// An integer-valued number is both `integer` and `number`.
    static func kindOf(_ value: JSONValue) -> Set<JSONRule.Kind> {
        switch value {
        case .null: [.null]
        case .bool: [.boolean]
        case .int: [.integer, .number]
        case .double(let number): number.rounded() == number && number.isFinite ? [.integer, .number] : [.number]
        case .string: [.string]
        case .array: [.array]
        case .object: [.object]
        }
    }
}
