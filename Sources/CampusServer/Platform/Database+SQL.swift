import FluentKit
import SQLKit

extension Database {
    /// The SQL view of a Fluent database. Campus only configures SQL drivers, so this always holds.
    var sql: any SQLDatabase { self as! any SQLDatabase }

    var isPostgres: Bool { sql.dialect.name == "postgresql" }

    func sqlRaw(_ query: SQLQueryString) async throws {
        try await sql.raw(query).run()
    }
}
