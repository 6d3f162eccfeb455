import FluentKit
import FluentPostgresDriver
import Foundation
import NIOCore

extension Database {
    /// Runs a named prepared statement when this database is PostgreSQL, and nil on other engines.
    ///
    /// PostgresKit sends every SQLKit query as an unnamed statement, which PostgreSQL parses and plans
    /// on each call. For the few statements on the hottest pages the plan costs more than the work
    /// (pgbench figures: docs/benchmarks.md, "Profile findings"). PostgresNIO prepares a statement once per
    /// connection, by its name.
    package func runPrepared<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [Statement.Row]?
    where Statement.Row: Sendable {
        guard let postgres = self as? any PostgresDatabase else { return nil }
        let logger = self.logger
        return try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                var rows: [Statement.Row] = []
                for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
                return rows
            }
        }.get()
    }
}

/// A prepared statement whose one parameter, `$1`, is a user's id.
package protocol PreparedForUser: PostgresPreparedStatement {
    var userID: UUID { get }
}

extension PreparedForUser {
    package func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(userID)
        return bindings
    }
}
