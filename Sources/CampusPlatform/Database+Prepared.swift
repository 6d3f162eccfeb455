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
    ///
    /// A statement that has not answered within `deadline` closes its connection, which fails it with a
    /// connection error (a 503 for the caller) and hands the connection back: CI's cluster run once saw a learner's
    /// request wait for good on a statement sent as PostgreSQL was shutting down.
    package func runPrepared<Statement: PostgresPreparedStatement>(_ statement: Statement,
                                                                  deadline: TimeAmount = .seconds(10)) async throws -> [Statement.Row]?
    where Statement.Row: Sendable {
        guard let postgres = self as? any PostgresDatabase else { return nil }
        // The pool lends a connection to a closure on its event loop that returns a future. Running the
        // statement in a task made inside that closure cost two more thread switches per statement (a new task
        // on Swift's pool, then the future's completion back on the loop) than borrowing the connection out to
        // this task and handing it back when done.
        let lent = eventLoop.makePromise(of: PostgresConnection.self)
        let returned = eventLoop.makePromise(of: Void.self)
        postgres.withConnection { connection in
            lent.succeed(connection)
            return returned.futureResult
        }.whenFailure { error in
            // No connection was lent (the server is gone or the pool timed out): nothing will hand it back,
            // and an unanswered promise is a leak that a debug build stops on.
            lent.fail(error)
            returned.succeed(())
        }
        let connection = try await lent.futureResult.get()
        let overdue = connection.eventLoop.scheduleTask(in: deadline) { connection.close().whenComplete { _ in } }
        defer {
            overdue.cancel()
            returned.succeed(())
        }
        var rows: [Statement.Row] = []
        for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
        return rows
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
