#if MongoDB
import CampusCore
import Foundation

/// JSON values ⇄ MongoDB extended JSON, the text libbson's own `bson_new_from_json` and
/// `bson_as_canonical_extended_json` read and write. Canonical on the way back, because it names every
/// number's BSON type: an integer comes back as `.int` and a double as `.double`, even `1.0`.
enum ExtendedJSON {
    /// A body field named `_id` is kept under this name, since the stored `_id` is the content id.
    static let bodyIDField = "_campus_body_id"

    /// The stored form of a document: `_id` first, then the body's fields in key order.
    static func storedDocument(id: String, body: JSONObject) -> String {
        var text = "{\"_id\":"
        appendString(id, to: &text)
        for key in body.keys.sorted() {
            text += ","
            appendString(key == "_id" ? bodyIDField : storedKey(key), to: &text)
            text += ":"
            append(body[key]!, to: &text)
        }
        text += "}"
        return text
    }

    static func text(_ value: JSONValue) -> String {
        var text = ""
        append(value, to: &text)
        return text
    }

    static func append(_ value: JSONValue, to text: inout String) {
        switch value {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        // A plain integer becomes an Int32 when it fits and an Int64 otherwise, as in every driver.
        case .int(let number): text += String(number)
        case .double(let number):
            // Wrapped, so that 1.0 stays a double instead of being read back as the integer 1.
            let digits: String
            if number.isNaN {
                digits = "NaN"
            } else if number.isInfinite {
                digits = number < 0 ? "-Infinity" : "Infinity"
            } else {
                digits = "\(number)"
            }
            text += "{\"$numberDouble\":\"\(digits)\"}"
        case .string(let string): appendString(string, to: &text)
        case .array(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += "," }
                append(element, to: &text)
            }
            text += "]"
        case .object(let object):
            // Sorted, because MongoDB compares embedded documents field by field in order.
            text += "{"
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { text += "," }
                appendString(storedKey(key), to: &text)
                text += ":"
                append(object[key]!, to: &text)
            }
            text += "}"
        }
    }

    /// MongoDB refuses field names that start with `$` or hold a `.` (a JSON Schema's `$ref`, `$defs`),
    /// so those two characters are stored as their full-width forms, as MongoDB's documentation suggests,
    /// and turned back on reading. An authored name that already used the full-width forms reads back
    /// with the ASCII ones.
    static func storedKey(_ key: String) -> String {
        guard key.hasPrefix("$") || key.contains(".") else { return key }
        var stored = key.replacingOccurrences(of: ".", with: "\u{FF0E}")
        if stored.hasPrefix("$") { stored = "\u{FF04}" + stored.dropFirst() }
        return stored
    }

    static func plainKey(_ key: String) -> String {
        guard key.hasPrefix("\u{FF04}") || key.contains("\u{FF0E}") else { return key }
        var plain = key.replacingOccurrences(of: "\u{FF0E}", with: ".")
        if plain.hasPrefix("\u{FF04}") { plain = "$" + plain.dropFirst() }
        return plain
    }

    static func appendString(_ string: String, to text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                text += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    /// Reads a stored document (canonical extended JSON) back into its id and body.
    static func document(canonical text: String) throws -> ContentDocument {
        guard case .object(var object) = unwrap(try JSONValue.parse(text)) else {
            throw MongoContentStoreError.invalidDocument("not a document")
        }
        let storedID = object.removeValue(forKey: "_id")
        let id = storedID?.stringValue ?? (try? storedID?.jsonText()) ?? ""
        if let bodyID = object.removeValue(forKey: bodyIDField) {
            object["_id"] = bodyID
        }
        return ContentDocument(id: id, body: object)
    }

    static func object(canonical text: String) throws -> JSONObject {
        unwrap(try JSONValue.parse(text)).objectValue ?? [:]
    }

    /// Turns canonical type wrappers back into plain numbers; other BSON types (ObjectId, dates, …),
    /// which Campus never writes, stay as their extended-JSON objects.
    static func unwrap(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            if object.count == 1, let (key, inner) = object.first, case .string(let digits) = inner {
                switch key {
                case "$numberInt", "$numberLong":
                    if let number = Int64(digits) { return .int(number) }
                case "$numberDouble":
                    switch digits {
                    case "Infinity": return .double(.infinity)
                    case "-Infinity": return .double(-.infinity)
                    case "NaN": return .double(.nan)
                    default: if let number = Double(digits) { return .double(number) }
                    }
                case "$numberDecimal":
                    if let number = Double(digits) { return .double(number) }
                default: break
                }
            }
            return .object(Dictionary(object.map { (plainKey($0.key), unwrap($0.value)) }, uniquingKeysWith: { first, _ in first }))
        case .array(let elements):
            return .array(elements.map(unwrap))
        default:
            return value
        }
    }
}
#endif
