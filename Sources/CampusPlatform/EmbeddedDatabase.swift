import FluentKit
import Logging
import NIOCore
import SQLKit

/// The embedded database as Campus uses it: the pooled writer connection for everything, except that a
/// SQL statement outside a transaction which only reads (it starts with `SELECT`) goes to a read-only
/// connection of `readers` (see `SQLiteReaders` in CampusServer for why). A statement is serialised once more to tell
/// which it is: a write pays that, a read saves three thread switches. Fluent's own queries, schema changes,
/// transactions and sessions stay on the writer, so a transaction sees its own writes.
package struct EmbeddedDatabase: Database, SQLDatabase {
    package let writer: any Database & SQLDatabase
    package let readers: any ReadOnlyStatements

    package init(writer: any Database & SQLDatabase, readers: any ReadOnlyStatements) {
        self.writer = writer
        self.readers = readers
    }

    // Database

    package var context: DatabaseContext { writer.context }

    package var inTransaction: Bool { writer.inTransaction }

    package func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        writer.execute(query: query, onOutput: onOutput)
    }

    package func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        writer.execute(schema: schema)
    }

    package func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        writer.execute(enum: `enum`)
    }

    package func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        writer.transaction(closure)
    }

    package func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        writer.withConnection(closure)
    }

    // SQLDatabase

    package var logger: Logger { writer.context.logger }

    package var eventLoop: any EventLoop { writer.context.eventLoop }

    package var version: (any SQLDatabaseReportedVersion)? { writer.version }

    package var dialect: any SQLDialect { writer.dialect }

    package var queryLogLevel: Logger.Level? { writer.queryLogLevel }

    package func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        writer.execute(sql: query, onRow)
    }

    package func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (text, binds) = serialize(query)
        guard Self.onlyReads(text) else { return try await writer.execute(sql: query, onRow) }
        try await readers.execute(text, binds, logger: logger, onRow)
    }

    package func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await writer.withSession(closure)
    }

    /// Statements whose text starts with `SELECT`: SQLite has no `SELECT … FOR UPDATE`, so such a statement
    /// cannot write (and the readers are `query_only` should one try).
    static func onlyReads(_ text: String) -> Bool {
        text.utf8.starts(with: "SELECT".utf8) && text.utf8.dropFirst(6).first.map { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") } == true
    }
}
