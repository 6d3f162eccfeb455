import Foundation

extension PracticeParser {
    /// Collects issues instead of stopping at the first, so an author fixes a document in one pass.
    struct Reader {
        let path: String
        var issues: [ContentIssue] = []

        mutating func fail(_ field: String, _ message: String) {
            let joined = field.isEmpty ? path : (path.isEmpty ? field : (field.hasPrefix("[") ? path + field : "\(path).\(field)"))
            issues.append(ContentIssue(path: joined, message: message))
        }

        mutating func text(_ value: JSONValue?, _ field: String) -> LocalizedText? {
            guard let text = LocalizedText(value) else {
                fail(field, "is required: a non-empty string or {\"en\": …, \"ru\": …}")
                return nil
            }
            return text
        }

        mutating func string(_ value: JSONValue?, _ field: String, maximum: Int = PracticeParser.maximumScriptLength) -> String? {
            guard let text = value?.stringValue, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                fail(field, "is required: a non-empty string")
                return nil
            }
            if text.utf8.count > maximum { fail(field, "is longer than \(maximum) bytes"); return nil }
            return text
        }

        mutating func optionalID(_ value: JSONValue?, _ field: String, prefix: String) -> String? {
            guard let value, value != .null else { return nil }
            guard let id = value.stringValue, id.hasPrefix(prefix), id.count > prefix.count else {
                fail(field, "must be a content id starting with \"\(prefix)\"")
                return nil
            }
            return id
        }

        mutating func bool(_ value: JSONValue?, _ field: String) -> Bool? {
            guard let value, value != .null else { return nil }
            guard let flag = value.boolValue else { fail(field, "must be true or false"); return nil }
            return flag
        }

        mutating func integer(_ value: JSONValue?, _ field: String, in range: ClosedRange<Int>) -> Int? {
            guard let value, value != .null else { return nil }
            guard let number = value.intValue, range.contains(number) else {
                fail(field, "must be an integer from \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            return number
        }

        mutating func enumeration<E: RawRepresentable & CaseIterable>(_ value: JSONValue?, _ field: String, _ type: E.Type) -> E? where E.RawValue == String {
            guard let raw = value?.stringValue, let parsed = E(rawValue: raw) else {
                fail(field, "must be one of " + E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
                return nil
            }
            return parsed
        }

        mutating func editor(_ value: JSONValue?, kind: PracticeKind?) -> PracticeExercise.Editor {
            let fallback = kind.map { $0 == .api ? "http" : $0.rawValue } ?? "text"
            guard let value, value != .null else { return .init(language: fallback, starter: "") }
            guard let object = value.objectValue else {
                fail("editor", "must be an object {language, starter}")
                return .init(language: fallback, starter: "")
            }
            let language = object["language"]?.stringValue ?? fallback
            if object["language"] != nil && object["language"]?.stringValue == nil { fail("editor.language", "must be a string") }
            let starter = object["starter"]?.stringValue ?? ""
            if object["starter"] != nil && object["starter"]?.stringValue == nil { fail("editor.starter", "must be a string") }
            if starter.utf8.count > 100_000 { fail("editor.starter", "is longer than 100000 bytes") }
            return .init(language: language, starter: starter)
        }

        mutating func rules(_ value: JSONValue?, _ field: String) -> [JSONRule] {
            guard let value, value != .null else { return [] }
            guard let items = value.arrayValue else { fail(field, "must be an array of rules"); return [] }
            var rules: [JSONRule] = []
            for (index, item) in items.enumerated() {
                let at = "\(field)[\(index)]"
                guard let object = item.objectValue else { fail(at, "must be an object {pointer, <check>, message}"); continue }
                guard let pointerText = object["pointer"]?.stringValue, let pointer = try? JSONPointer(pointerText) else {
                    fail(at + ".pointer", "must be a JSON Pointer (\"\" or \"/a/0\")")
                    continue
                }
                guard let message = LocalizedText(object["message"]) else {
                    fail(at + ".message", "is required: what the learner reads when the rule fails")
                    continue
                }
                let checkKeys = object.keys.filter { $0 != "pointer" && $0 != "message" }.sorted()
                guard checkKeys.count == 1, let key = checkKeys.first else {
                    fail(at, "must have exactly one of equals, exists, type, regex, length, contains, one_of (found \(checkKeys.joined(separator: ", ")))")
                    continue
                }
                let argument = object[key]!
                let check: JSONRule.Check?
                switch key {
                case "equals": check = .equals(argument)
                case "exists": check = argument.boolValue.map(JSONRule.Check.exists)
                case "type": check = argument.stringValue.flatMap(JSONRule.Kind.init(rawValue:)).map(JSONRule.Check.type)
                case "regex":
                    if let pattern = argument.stringValue, pattern.count <= 1_000, (try? Regex(pattern)) != nil { check = .regex(pattern) } else { check = nil }
                case "length":
                    let bounds = argument.objectValue
                    let min = bounds?["min"]?.intValue, max = bounds?["max"]?.intValue
                    // A bound given but not a whole number is refused, never dropped.
                    let wellTyped = (bounds?["min"] == nil || min != nil) && (bounds?["max"] == nil || max != nil)
                    let valid = bounds != nil && wellTyped && (min != nil || max != nil) && (min ?? 0) >= 0 && (max.map { $0 >= (min ?? 0) } ?? true)
                        && bounds!.keys.allSatisfy { $0 == "min" || $0 == "max" }
                    check = valid ? .length(min: min, max: max) : nil
                case "contains": check = .contains(argument)
                case "one_of": check = argument.arrayValue.flatMap { $0.isEmpty ? nil : JSONRule.Check.oneOf($0) }
                default:
                    fail("\(at).\(key)", "is not a rule: use equals, exists, type, regex, length, contains or one_of")
                    continue
                }
                guard let check else {
                    let expected = switch key {
                    case "exists": "true or false"
                    case "type": "one of object, array, string, number, integer, boolean, null"
                    case "regex": "a valid regular expression of at most 1000 characters"
                    case "length": "{\"min\": n, \"max\": n} with 0 ≤ min ≤ max"
                    default: "a non-empty array"
                    }
                    fail("\(at).\(key)", "must be \(expected)")
                    continue
                }
                rules.append(JSONRule(pointer: pointer, check: check, message: message))
            }
            return rules
        }

        mutating func schema(_ value: JSONValue?, _ field: String) -> JSONValue? {
            guard let value, value != .null else { return nil }
            guard value.objectValue != nil || value.boolValue != nil else { fail(field, "must be a JSON Schema (an object)"); return nil }
            let unsupported = JSONSchemaCheck.unsupportedKeywords(in: value)
            if !unsupported.isEmpty {
                fail(field, "uses keywords Campus does not check: \(unsupported.joined(separator: ", "))")
                return nil
            }
            return value
        }
    }
}
