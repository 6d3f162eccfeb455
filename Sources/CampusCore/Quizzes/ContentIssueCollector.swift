import Foundation

/// Gathers issues while a document is read, and reads fields so that each kind of mistake gets
/// the same wording everywhere.
struct ContentIssueCollector {
    private(set) var issues: [ContentIssue] = []

    mutating func add(_ path: String, _ message: String) {
        issues.append(ContentIssue(path: path, message: message))
    }

    func throwIfAny() throws(ContentIssues) {
        if !issues.isEmpty { throw ContentIssues(issues: issues) }
    }

    /// A string that must be present and not blank.
    mutating func requiredText(_ object: JSONObject, _ key: String, at base: String) -> String? {
        let path = ContentPath.member(base, key)
        switch object[key] {
        case nil, .null?:
            add(path, "is required")
            return nil
        case .string(let text)?:
            // Scalar by scalar, stopping at the first visible one: Foundation's trimming bridged every Cyrillic text
            // through UTF-16 and was an eighth of importing a question bank (issue 18).
            if text.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                add(path, "must not be empty")
                return nil
            }
            return text
        default:
            add(path, "must be a string")
            return nil
        }
    }

    /// A string that may be absent or null.
    mutating func optionalText(_ object: JSONObject, _ key: String, at base: String) -> String? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default:
            add(ContentPath.member(base, key), "must be a string")
            return nil
        }
    }

    mutating func optionalBool(_ object: JSONObject, _ key: String, at base: String) -> Bool? {
        switch object[key] {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        default:
            add(ContentPath.member(base, key), "must be true or false")
            return nil
        }
    }

    /// A whole number in `range` that may be absent or null.
    mutating func optionalWholeNumber(_ object: JSONObject, _ key: String, at base: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = object[key], !value.isNull else { return nil }
        if let number = value.intValue, range.contains(number) { return number }
        let bounds = range.upperBound == Int.max ? "of at least \(range.lowerBound)"
            : "from \(range.lowerBound) to \(range.upperBound)"
        add(ContentPath.member(base, key), "must be null or a whole number \(bounds)")
        return nil
    }

    mutating func optionalObject(_ object: JSONObject, _ key: String, at base: String) -> JSONObject? {
        switch object[key] {
        case nil, .null?: return nil
        case .object(let member)?: return member
        default:
            add(ContentPath.member(base, key), "must be an object")
            return nil
        }
    }
}
