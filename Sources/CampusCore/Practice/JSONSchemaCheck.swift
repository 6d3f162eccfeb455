import Foundation

/// Validates a JSON document against a JSON Schema (draft 2020-12) as far as exercises need it: the
/// assertion keywords for every type, the applicators (`properties`, `patternProperties`,
/// `additionalProperties`, `items`, `prefixItems`, `contains`, `allOf`, `anyOf`, `oneOf`, `not`,
/// `if`/`then`/`else`, `dependentSchemas`, `propertyNames`) and local references (`$ref` to `#` and
/// `#/$defs/…`). Annotation-only keywords are ignored; `unevaluatedProperties`/`unevaluatedItems`,
/// remote references and `format` assertions are not supported (a schema using them is refused when the
/// exercise is saved, see `unsupportedKeywords`). No Swift library for it is in the package mirror.
public struct JSONSchemaCheck: Sendable {
    public struct Failure: Sendable, Equatable {
        /// Where in the document (a JSON Pointer).
        public var instancePath: String
        /// The keyword that failed, and where it stands in the schema.
        public var keywordPath: String
        public var message: String
    }

    public let schema: JSONValue
    /// Guards against references that loop.
    static let maximumDepth = 64

    public init(schema: JSONValue) {
        self.schema = schema
    }

    public static let unsupported: Set<String> = ["unevaluatedProperties", "unevaluatedItems", "$dynamicRef", "$recursiveRef"]

    /// Keywords this checker does not evaluate, with their schema paths: an exercise using them is refused.
    public static func unsupportedKeywords(in schema: JSONValue, path: String = "") -> [String] {
        switch schema {
        case .object(let members):
            var found: [String] = []
            for (key, value) in members.sorted(by: { $0.key < $1.key }) {
                let here = path + "/" + key
                if unsupported.contains(key) { found.append(here) }
                if key == "$ref", let reference = value.stringValue, !(reference == "#" || reference.hasPrefix("#/")) {
                    found.append(here)
                }
                found += unsupportedKeywords(in: value, path: here)
            }
            return found
        case .array(let items):
            return items.enumerated().flatMap { unsupportedKeywords(in: $0.element, path: path + "/" + String($0.offset)) }
        default:
            return []
        }
    }

    public func validate(_ document: JSONValue) -> [Failure] {
        var failures: [Failure] = []
        check(document, against: schema, instancePath: "", schemaPath: "", depth: 0, into: &failures)
        return failures
    }

    public func isValid(_ document: JSONValue) -> Bool { validate(document).isEmpty }

    private func check(_ value: JSONValue, against schema: JSONValue, instancePath: String, schemaPath: String,
                       depth: Int, into failures: inout [Failure]) {
        func fail(_ keyword: String, _ message: String) {
            failures.append(Failure(instancePath: instancePath, keywordPath: schemaPath + "/" + keyword, message: message))
        }
        switch schema {
        case .bool(true): return
        case .bool(false):
            failures.append(Failure(instancePath: instancePath, keywordPath: schemaPath, message: "no value is allowed here"))
            return
        case .object: break
        default: return
        }
        guard depth < Self.maximumDepth else {
            fail("$ref", "the schema refers to itself too deeply")
            return
        }
        let keywords = schema.objectValue ?? [:]
        func sub(_ value: JSONValue, _ schema: JSONValue, _ instance: String, _ path: String) -> [Failure] {
            var inner: [Failure] = []
            check(value, against: schema, instancePath: instance, schemaPath: path, depth: depth + 1, into: &inner)
            return inner
        }

        if let reference = keywords["$ref"]?.stringValue, let target = resolve(reference) {
            failures += sub(value, target, instancePath, schemaPath + "/$ref")
        }
        if let type = keywords["type"] {
            let allowed = (type.arrayValue ?? [type]).compactMap(\.stringValue)
            let kinds = JSONRuleCheck.kindOf(value).map(\.rawValue)
            if !allowed.contains(where: kinds.contains) { fail("type", "must be of type \(allowed.joined(separator: " or "))") }
        }
        if let options = keywords["enum"]?.arrayValue, !options.contains(where: { JSONRuleCheck.same(value, $0) }) {
            fail("enum", "must be one of the allowed values")
        }
        if let constant = keywords["const"], !JSONRuleCheck.same(value, constant) { fail("const", "must equal the required value") }

        let at = Place(instancePath: instancePath, schemaPath: schemaPath)
        if let number = value.doubleValue { failures += checkNumber(number, keywords, at) }
        if case .string(let text) = value { failures += checkString(text, keywords, at) }
        if case .array(let items) = value { failures += checkArray(items, keywords, at, sub: sub) }
        if case .object(let members) = value { failures += checkObject(members, keywords, at, sub: sub) }

        if let all = keywords["allOf"]?.arrayValue {
            for (index, part) in all.enumerated() { failures += sub(value, part, instancePath, schemaPath + "/allOf/\(index)") }
        }
        if let any = keywords["anyOf"]?.arrayValue,
           !any.enumerated().contains(where: { sub(value, $0.element, instancePath, schemaPath + "/anyOf/\($0.offset)").isEmpty }) {
            fail("anyOf", "must match at least one of the allowed shapes")
        }
        if let one = keywords["oneOf"]?.arrayValue {
            let matching = one.enumerated().filter { sub(value, $0.element, instancePath, schemaPath + "/oneOf/\($0.offset)").isEmpty }.count
            if matching != 1 { fail("oneOf", "must match exactly one of the allowed shapes (matches \(matching))") }
        }
        if let not = keywords["not"], sub(value, not, instancePath, schemaPath + "/not").isEmpty {
            fail("not", "must not match the excluded shape")
        }
        if let condition = keywords["if"] {
            if sub(value, condition, instancePath, schemaPath + "/if").isEmpty {
                if let then = keywords["then"] { failures += sub(value, then, instancePath, schemaPath + "/then") }
            } else if let otherwise = keywords["else"] {
                failures += sub(value, otherwise, instancePath, schemaPath + "/else")
            }
        }
    }

    /// Where a keyword is checked: in the document and in the schema.
    private struct Place {
        var instancePath: String
        var schemaPath: String

        func failure(_ keyword: String, _ message: String) -> Failure {
            Failure(instancePath: instancePath, keywordPath: schemaPath + "/" + keyword, message: message)
        }
    }

    private func checkNumber(_ number: Double, _ keywords: [String: JSONValue], _ at: Place) -> [Failure] {
        var failures: [Failure] = []
        func fail(_ keyword: String, _ message: String) { failures.append(at.failure(keyword, message)) }
        if let bound = keywords["minimum"]?.doubleValue, number < bound { fail("minimum", "must be at least \(Self.text(bound))") }
        if let bound = keywords["maximum"]?.doubleValue, number > bound { fail("maximum", "must be at most \(Self.text(bound))") }
        if let bound = keywords["exclusiveMinimum"]?.doubleValue, number <= bound { fail("exclusiveMinimum", "must be greater than \(Self.text(bound))") }
        if let bound = keywords["exclusiveMaximum"]?.doubleValue, number >= bound { fail("exclusiveMaximum", "must be less than \(Self.text(bound))") }
        if let step = keywords["multipleOf"]?.doubleValue, step > 0 {
            let quotient = number / step
            if !quotient.isFinite || abs(quotient - quotient.rounded()) > 1e-9 { fail("multipleOf", "must be a multiple of \(Self.text(step))") }
        }
        return failures
    }

    private func checkString(_ text: String, _ keywords: [String: JSONValue], _ at: Place) -> [Failure] {
        var failures: [Failure] = []
        func fail(_ keyword: String, _ message: String) { failures.append(at.failure(keyword, message)) }
        if let bound = keywords["minLength"]?.intValue, text.count < bound { fail("minLength", "must be at least \(bound) characters long") }
        if let bound = keywords["maxLength"]?.intValue, text.count > bound { fail("maxLength", "must be at most \(bound) characters long") }
        if let pattern = keywords["pattern"]?.stringValue {
            // JSON Schema patterns are not anchored: a match anywhere counts.
            let matches = text.count <= JSONRuleCheck.maximumMatchedLength
                && ((try? Regex(pattern)).map { (try? $0.firstMatch(in: text)) != nil } ?? false)
            if !matches { fail("pattern", "must match the pattern \(pattern)") }
        }
        return failures
    }

    private func checkArray(_ items: [JSONValue], _ keywords: [String: JSONValue], _ at: Place,
                            sub: (JSONValue, JSONValue, String, String) -> [Failure]) -> [Failure] {
        var failures: [Failure] = []
        func fail(_ keyword: String, _ message: String) { failures.append(at.failure(keyword, message)) }
        let instancePath = at.instancePath
        let schemaPath = at.schemaPath
        if let bound = keywords["minItems"]?.intValue, items.count < bound { fail("minItems", "must have at least \(bound) items") }
        if let bound = keywords["maxItems"]?.intValue, items.count > bound { fail("maxItems", "must have at most \(bound) items") }
        if keywords["uniqueItems"]?.boolValue == true {
            outer: for (index, item) in items.enumerated() {
                for other in items[(index + 1)...] where JSONRuleCheck.same(item, other) {
                    fail("uniqueItems", "must not repeat an item")
                    break outer
                }
            }
        }
        let prefix = keywords["prefixItems"]?.arrayValue ?? []
        for (index, schema) in prefix.enumerated() where index < items.count {
            failures += sub(items[index], schema, instancePath + "/\(index)", schemaPath + "/prefixItems/\(index)")
        }
        if let rest = keywords["items"] {
            for index in items.indices.dropFirst(prefix.count) {
                failures += sub(items[index], rest, instancePath + "/\(index)", schemaPath + "/items")
            }
        }
        if let contains = keywords["contains"] {
            let count = items.enumerated().filter { sub($0.element, contains, instancePath + "/\($0.offset)", schemaPath + "/contains").isEmpty }.count
            let minimum = keywords["minContains"]?.intValue ?? 1
            if count < minimum { fail("contains", "must contain at least \(minimum) matching item\(minimum == 1 ? "" : "s")") }
            if let maximum = keywords["maxContains"]?.intValue, count > maximum {
                fail("maxContains", "must contain at most \(maximum) matching items")
            }
        }
        return failures
    }

    private func checkObject(_ members: [String: JSONValue], _ keywords: [String: JSONValue], _ at: Place,
                             sub: (JSONValue, JSONValue, String, String) -> [Failure]) -> [Failure] {
        var failures: [Failure] = []
        func fail(_ keyword: String, _ message: String) { failures.append(at.failure(keyword, message)) }
        let instancePath = at.instancePath
        let schemaPath = at.schemaPath
        func memberPath(_ key: String) -> String {
            instancePath + "/" + key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        }
        for name in (keywords["required"]?.arrayValue ?? []).compactMap(\.stringValue) where members[name] == nil {
            fail("required", "must have the member \"\(name)\"")
        }
        if let bound = keywords["minProperties"]?.intValue, members.count < bound { fail("minProperties", "must have at least \(bound) members") }
        if let bound = keywords["maxProperties"]?.intValue, members.count > bound { fail("maxProperties", "must have at most \(bound) members") }
        let properties = keywords["properties"]?.objectValue ?? [:]
        let patterns = (keywords["patternProperties"]?.objectValue ?? [:]).sorted { $0.key < $1.key }
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            var evaluated = false
            if let schema = properties[key] {
                evaluated = true
                failures += sub(value, schema, memberPath(key), schemaPath + "/properties/" + key)
            }
            for (pattern, schema) in patterns where (try? Regex(pattern)).map({ (try? $0.firstMatch(in: key)) != nil }) ?? false {
                evaluated = true
                failures += sub(value, schema, memberPath(key), schemaPath + "/patternProperties/" + pattern)
            }
            if !evaluated, let additional = keywords["additionalProperties"] {
                let inner = sub(value, additional, memberPath(key), schemaPath + "/additionalProperties")
                if additional == .bool(false) {
                    if !inner.isEmpty { fail("additionalProperties", "must not have the member \"\(key)\"") }
                } else {
                    failures += inner
                }
            }
            if let names = keywords["propertyNames"], !sub(.string(key), names, memberPath(key), schemaPath + "/propertyNames").isEmpty {
                fail("propertyNames", "has a member name \"\(key)\" that is not allowed")
            }
        }
        for (name, needed) in keywords["dependentRequired"]?.objectValue ?? [:] where members[name] != nil {
            for other in (needed.arrayValue ?? []).compactMap(\.stringValue) where members[other] == nil {
                fail("dependentRequired", "must have \"\(other)\" when it has \"\(name)\"")
            }
        }
        for (name, schema) in (keywords["dependentSchemas"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) where members[name] != nil {
            failures += sub(.object(members), schema, instancePath, schemaPath + "/dependentSchemas/" + name)
        }
        return failures
    }

    /// `#` or a JSON Pointer into this schema (`#/$defs/address`).
    private func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#") else { return nil }
        let fragment = String(reference.dropFirst())
        let decoded = fragment.removingPercentEncoding ?? fragment
        return (try? JSONPointer(decoded))?.resolve(in: schema)
    }

    private static func text(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}
