import FluentKit
import SQLKit

extension Database {
    /// The SQL view of a Fluent database. Campus only configures SQL drivers, so this always holds.
    package var sql: any SQLDatabase { self as! any SQLDatabase }

    package var isPostgres: Bool { sql.dialect.name == "postgresql" }

    package func sqlRaw(_ query: SQLQueryString) async throws {
        try await sql.raw(query).run()
    }
}
