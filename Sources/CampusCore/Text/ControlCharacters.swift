/// The characters no text input may carry: C0 controls other than tab, line feed and carriage return,
/// DEL and the C1 controls. NUL in particular is refused by PostgreSQL text and cut short by C
/// string handling, so a name or address holding it would read differently to different layers.
public enum ControlCharacters {
    public static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    public static func contains(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains(where: isRefused)
    }

    /// The dotted path (`user.name`, `answers.q1`, `items[2]`) of the first string or key in `value`
    /// that holds a refused character, or nil when there is none.
    public static func firstPath(in value: JSONValue, path: String = "") -> String? {
        switch value {
        case .string(let text):
            return contains(text) ? (path.isEmpty ? "body" : path) : nil
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = firstPath(in: item, path: path + "[\(index)]") { return found }
            }
            return nil
        case .object(let object):
            for key in object.keys.sorted() {
                // A member name that holds one is reported by where it stands, never echoed.
                if contains(key) { return path.isEmpty ? "body" : path }
                let child = path.isEmpty ? key : path + "." + key
                if let found = firstPath(in: object[key]!, path: child) { return found }
            }
            return nil
        case .null, .bool, .int, .double:
            return nil
        }
    }

    /// Whether JSON text may hold a refused character: only through an escape (`\u0000`, `\b`, `\f`),
    /// since raw control characters are not valid JSON. A cheap scan that lets almost every body skip
    /// the full walk.
    public static func mayHideInJSON(_ bytes: some Sequence<UInt8>) -> Bool {
        var escaped = false
        for byte in bytes {
            if escaped {
                if byte == UInt8(ascii: "u") || byte == UInt8(ascii: "b") || byte == UInt8(ascii: "f") { return true }
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
                return true
            }
        }
        return false
    }
}
