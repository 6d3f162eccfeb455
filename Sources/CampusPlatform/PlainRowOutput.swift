import FluentKit
import SQLKit

/// A row of a plain SQL statement, read by a model's properties one by one.
///
/// Fluent's own decoding walks the model's properties by reflection on every row, and its query builder
/// serialises each statement afresh: together about a third of a catalog search and of a lesson read
/// (docs/benchmarks.md, "Profile findings"). Hot reads select their columns by name and hand this output to
/// each property's `output(from:)`, so the model comes back exactly as Fluent would return it: marked as
/// stored, with nothing pending, and a later `save` writes only what the caller changed.
package struct PlainRowOutput: DatabaseOutput {
    let row: any SQLRow
    /// Put before every column name: a statement joining two tables names the second one's columns apart.
    let prefix: String

    package init(_ row: any SQLRow, prefix: String = "") {
        self.row = row
        self.prefix = prefix
    }

    package var description: String { "plain row" }

    package func schema(_ schema: String) -> any DatabaseOutput { self }

    package func contains(_ key: FieldKey) -> Bool { row.contains(column: prefix + key.description) }

    package func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: prefix + key.description) }

    package func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T {
        try row.decode(column: prefix + key.description, as: T.self)
    }
}

extension PlainRowOutput {
    /// Reads each of a model's properties from this row, as Fluent's own decoding would, without reflection.
    package func fill(_ properties: any AnyDatabaseProperty...) throws {
        for property in properties { try property.output(from: self) }
    }
}
