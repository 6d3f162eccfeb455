#if MongoDB
import CampusCore

/// Builds MongoDB filters with the same meaning as the SQL store's: a top-level field equals the value
/// exactly, by type too. MongoDB's own `{field: value}` would also match an array holding the value and
/// compare 1 with 1.0, so each value gets guards.
enum MongoQuery {
    /// Collection and field names are plain words (`[A-Za-z0-9_]`, 1–64 characters), so a name can
    /// never be read as an operator (`$where`), a path (`a.b`) or a system collection.
    static func checkName(_ name: String) throws {
        guard !name.isEmpty, name.utf8.count <= 64,
              name.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F })
        else { throw ContentStoreError.invalidName(name) }
    }

    static func filter(_ filter: JSONObject, after: String?) throws -> String {
        var clauses: [String] = []
        for (field, value) in filter.sorted(by: { $0.key < $1.key }) {
            try checkName(field)
            clauses += conditions(field: field == "_id" ? ExtendedJSON.bodyIDField : field, value: value)
        }
        if let after {
            clauses.append("{\"_id\":{\"$gt\":\(ExtendedJSON.text(.string(after)))}}")
        }
        return clauses.isEmpty ? "{}" : "{\"$and\":[" + clauses.joined(separator: ",") + "]}"
    }

    static func conditions(field: String, value: JSONValue) -> [String] {
        let name = ExtendedJSON.text(.string(field))
        let literal = ExtendedJSON.text(value)
        func clause(_ condition: String) -> String { "{\(name):\(condition)}" }
        // libbson's JSON reader takes an object whose first key is "$type" for a legacy binary value, so
        // "$type" never comes first here: after "$eq", or after a harmless "$exists": true.
        func not(_ type: String) -> String { clause("{\"$not\":{\"$exists\":true,\"$type\":\"\(type)\"}}") }
        let equal = clause("{\"$eq\":\(literal)}")
        switch value {
        case .null:
            // $eq null also matches a missing field; the SQL store needs the field present.
            return [clause("{\"$eq\":null,\"$exists\":true}"), not("array")]
        case .bool:
            return [clause("{\"$eq\":\(literal),\"$type\":\"bool\"}"), not("array")]
        case .int:
            // An integer matches only integers (Int32 or Int64), as json_type 'integer' does in SQLite.
            return [equal, not("double"), not("decimal"), not("bool"), not("array")]
        case .double:
            return [equal, not("bool"), not("array")]
        case .string, .object:
            return [equal, not("array")]
        case .array:
            // Whole-array equality: {$eq: [..]} alone would also match an array that holds this array.
            // The $eq clause goes first so an index can serve it (and mongomock never evaluates $expr
            // on a document without the field, which it cannot do).
            return [equal, "{\"$expr\":{\"$eq\":[\(ExtendedJSON.text(.string("$" + field))),{\"$literal\":\(literal)}]}}"]
        }
    }
}
#endif
