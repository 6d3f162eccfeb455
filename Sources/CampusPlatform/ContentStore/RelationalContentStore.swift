import CampusCore
import FluentKit
import Foundation
import SQLKit

/// The embedded content store: JSON documents in one table of the relational database
/// (SQLite JSON text, PostgreSQL `jsonb`). Batches run in one database transaction.
package struct RelationalContentStore: ContentStore {
    package let database: @Sendable () -> any Database
    /// Tests make a batch fail part-way through to prove it rolls back; nil in production.
    package var faultInjection: (@Sendable (_ writeIndex: Int) throws -> Void)?

    package let engineName: String
    private let isPostgres: Bool

    package init(database: @escaping @Sendable () -> any Database, faultInjection: (@Sendable (_ writeIndex: Int) throws -> Void)? = nil) {
        self.database = database
        self.faultInjection = faultInjection
        let dialect = (database() as! any SQLDatabase).dialect.name
        engineName = "json-in-\(dialect)"
        isPostgres = dialect == "postgresql"
    }

    private var sql: any SQLDatabase { database() as! any SQLDatabase }

    package func get(_ collection: String, id: String) async throws -> JSONObject? {
        try await getMany(collection, ids: [id])[id]
    }

    /// The engine picks the members out (SQLite's `->`, PostgreSQL's jsonb `->`), so only they are sent and parsed.
    package func get(_ collection: String, id: String, members: [String]) async throws -> JSONObject? {
        try ContentNames.check(collection)
        for member in members { try ContentNames.check(member) }
        var query = SQLQueryString("SELECT 1 AS found")
        for (index, member) in members.enumerated() {
            let picked: SQLQueryString = isPostgres ? "(body -> \(bind: member)::text)::text" : "body -> \(bind: "$.\"" + member + "\"")"
            query.appendInterpolation(unsafeRaw: ", ")
            query.appendInterpolation(picked)
            query.appendInterpolation(unsafeRaw: " AS member\(index)")
        }
        query.appendInterpolation(unsafeRaw: " FROM content_documents WHERE collection = ")
        query.appendInterpolation(bind: collection)
        query.appendInterpolation(unsafeRaw: " AND id = ")
        query.appendInterpolation(bind: id)
        guard let row = try await sql.raw(query).first() else { return nil }
        var object: JSONObject = [:]
        for (index, member) in members.enumerated() {
            // SQL NULL: the document has no such member (a JSON null comes back as the text `null`).
            if let text = try row.decode(column: "member\(index)", as: String?.self) {
                object[member] = try JSONValue.parse(text)
            }
        }
        return object
    }

    package func getMany(_ collection: String, ids: [String]) async throws -> [String: JSONObject] {
        try ContentNames.check(collection)
        guard !ids.isEmpty else { return [:] }
        var result: [String: JSONObject] = [:]
        // Chunked so a quiz with many questions stays below bind-parameter limits.
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let rows = try await sql.raw("""
                SELECT id, \(unsafeRaw: bodyText) AS body FROM content_documents
                WHERE collection = \(bind: collection) AND id IN \(SQLBind.group(chunk))
                """).all()
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                result[id] = try Self.decodeBody(try row.decode(column: "body", as: String.self))
            }
        }
        return result
    }

    package func upsert(_ collection: String, id: String, document: JSONObject) async throws {
        try await write([.upsert(collection: collection, id: id, document: document)])
    }

    package func upsert(_ collection: String, id: String, json: [UInt8]) async throws {
        try ContentNames.check(collection)
        // The engine reads the text as it stores it (PostgreSQL's jsonb, SQLite's json()) and refuses what is not
        // JSON; that it is an object is seen from its first byte.
        guard json.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) == UInt8(ascii: "{") else {
            throw ContentStoreError.notAnObject
        }
        try await upsert([(collection, id, String(decoding: json, as: UTF8.self))], now: Date(), on: sql, checkedByEngine: true)
    }

    @discardableResult
    package func delete(_ collection: String, id: String) async throws -> Bool {
        try ContentNames.check(collection)
        let rows = try await sql.raw("""
            DELETE FROM content_documents WHERE collection = \(bind: collection) AND id = \(bind: id) RETURNING id
            """).all()
        return !rows.isEmpty
    }

    package func query(_ collection: String, filter: JSONObject, after: String?, limit: Int) async throws -> [ContentDocument] {
        try ContentNames.check(collection)
        // The collection is written as a literal (its name was checked above) so that PostgreSQL can see the
        // query lies within the partial GIN index (authored content, not attempt details).
        var query = SQLQueryString("SELECT id, \(unsafeRaw: bodyText) AS body FROM content_documents WHERE collection = \(literal: collection)")
        for (field, value) in filter.sorted(by: { $0.key < $1.key }) {
            try ContentNames.check(field)
            query.appendInterpolation(unsafeRaw: " AND ")
            query.appendInterpolation(fieldCondition(field: field, value: value))
        }
        if let after {
            query.appendInterpolation(unsafeRaw: " AND id > ")
            query.appendInterpolation(bind: after)
        }
        query.appendInterpolation(unsafeRaw: " ORDER BY id LIMIT ")
        query.appendInterpolation(literal: max(0, limit))
        let rows = try await sql.raw(query).all()
        return try rows.map { row in
            ContentDocument(id: try row.decode(column: "id", as: String.self),
                            body: try Self.decodeBody(try row.decode(column: "body", as: String.self)))
        }
    }

    package func write(_ batch: [ContentWrite]) async throws {
        let encoded = try Self.encode(batch)
        let now = Date()
        // One statement is atomic by itself: no transaction around it (a submit's details are one upsert).
        if encoded.count == 1, faultInjection == nil, let (write, text) = encoded.first {
            try await apply(write, text: text, now: now, on: sql)
            return
        }
        try await database().transaction { transaction in
            _ = try await self.apply(encoded, from: 0, now: now, on: transaction as! any SQLDatabase)
        }
    }

    package func write(batches next: @escaping @Sendable () throws -> [ContentWrite]?) async throws {
        let now = Date()
        try await database().transaction { transaction in
            let sql = transaction as! any SQLDatabase
            var written = 0
            while let batch = try next() {
                written = try await self.apply(try Self.encode(batch), from: written, now: now, on: sql)
            }
        }
    }

    /// Checks the names and encodes every document first, so a bad one changes nothing.
    private static func encode(_ batch: [ContentWrite]) throws -> [(ContentWrite, String?)] {
        for write in batch {
            switch write {
            case .upsert(let collection, _, _), .delete(let collection, _): try ContentNames.check(collection)
            }
        }
        return try batch.map { write in
            if case .upsert(_, _, let document) = write { return (write, try JSONValue.object(document).jsonText()) }
            return (write, nil)
        }
    }

    /// Applies encoded writes inside the caller's transaction; `first` numbers them for fault injection
    /// across batches. Returns the number of writes applied so far.
    private func apply(_ encoded: [(ContentWrite, String?)], from first: Int, now: Date, on sql: any SQLDatabase) async throws -> Int {
        var index = 0
        while index < encoded.count {
            // Runs of upserts go as multi-row statements: 10,000 single-row statements were three quarters of
            // importing a 10,000-question bank on PostgreSQL, a round trip each (issue 18). A run stops before
            // a key it already holds, since one statement may not change a row twice.
            var run: [(collection: String, id: String, text: String)] = []
            var keys: Set<String> = []
            while index + run.count < encoded.count, run.count < Self.rowsPerStatement,
                  case .upsert(let collection, let id, _) = encoded[index + run.count].0,
                  keys.insert(collection + "\u{0}" + id).inserted {
                run.append((collection, id, encoded[index + run.count].1 ?? "{}"))
            }
            if run.isEmpty {
                try faultInjection?(first + index)
                try await apply(encoded[index].0, text: encoded[index].1, now: now, on: sql)
                index += 1
            } else {
                for offset in 0..<run.count { try faultInjection?(first + index + offset) }
                try await upsert(run, now: now, on: sql)
                index += run.count
            }
        }
        return first + index
    }

    /// Rows per multi-row upsert: four parameters each, far below either engine's limit.
    static let rowsPerStatement = 250

    /// `checkedByEngine`: the text was not written by this store from a `JSONValue`, so SQLite reads it through `json()`
    /// too (PostgreSQL's `jsonb` always does).
    private func upsert(_ rows: [(collection: String, id: String, text: String)], now: Date, on sql: any SQLDatabase,
                        checkedByEngine: Bool = false) async throws {
        var query: SQLQueryString = "INSERT INTO content_documents (collection, id, body, updated_at) VALUES "
        for (offset, row) in rows.enumerated() {
            if offset > 0 { query += ", " }
            query += "(\(bind: row.collection), \(bind: row.id), \(bodyBind(row.text, checked: checkedByEngine)), \(bind: now))"
        }
        query += " ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at"
        try await sql.raw(query).run()
    }

    private func apply(_ write: ContentWrite, text: String?, now: Date, on sql: any SQLDatabase) async throws {
        switch write {
        case .upsert(let collection, let id, _):
            try await upsert([(collection, id, text ?? "{}")], now: now, on: sql)
        case .delete(let collection, let id):
            try await sql.raw("DELETE FROM content_documents WHERE collection = \(bind: collection) AND id = \(bind: id)").run()
        }
    }

    package func ping() async throws {
        _ = try await sql.raw("SELECT 1 AS one").all()
    }

    // MARK: - Dialect differences, kept here

    private var bodyText: String { isPostgres ? "body::text" : "body" }

    private func bodyBind(_ text: String, checked: Bool) -> SQLQueryString {
        isPostgres ? "\(bind: text)::jsonb" : checked ? "json(\(bind: text))" : "\(bind: text)"
    }

    private func fieldCondition(field: String, value: JSONValue) -> SQLQueryString {
        if isPostgres {
            // Containment lets the GIN index find candidates; the equality keeps the match exact
            // (containment alone would let an array field match one of its elements).
            let text = (try? value.jsonText()) ?? "null"
            let probe = (try? JSONValue.object([field: value]).jsonText()) ?? "{}"
            return "(body @> \(bind: probe)::jsonb AND body -> \(literal: field) = \(bind: text)::jsonb)"
        }
        let extract = "json_extract(body, \(literal: "$." + field))" as SQLQueryString
        switch value {
        case .null:
            return "json_type(body, \(literal: "$." + field)) = 'null'"
        case .bool(let flag):
            return "(json_type(body, \(literal: "$." + field)) = \(literal: flag ? "true" : "false"))"
        case .int(let number):
            return "(json_type(body, \(literal: "$." + field)) = 'integer' AND \(extract) = \(bind: number))"
        case .double(let number):
            return "(json_type(body, \(literal: "$." + field)) IN ('integer','real') AND \(extract) = \(bind: number))"
        case .string(let text):
            return "(json_type(body, \(literal: "$." + field)) = 'text' AND \(extract) = \(bind: text))"
        case .array, .object:
            let text = (try? value.jsonText()) ?? "null"
            return "json(json_extract(body, \(literal: "$." + field))) = json(\(bind: text))"
        }
    }

    package static func decodeBody(_ text: String) throws -> JSONObject {
        guard case .object(let object) = try JSONValue.parse(text) else { return [:] }
        return object
    }
}
