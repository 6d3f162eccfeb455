import CampusPlatform
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization
import Vapor

// It lives here, beside the driver's configuration, and not in CampusPlatform: a module that imports sqlite-nio
// cannot be imported next to the system SQLite (CSQLite3, the practice sandbox) without clashing C definitions.

/// Read-only connections to the embedded SQLite file, for statements that read outside a transaction.
///
/// Every statement through the pooled writer connection goes from the caller's task to the pinned event
/// loop (to lease the one connection), on to sqlite-nio's thread pool, back to the loop once per row and
/// once more to finish, then back to Swift's pool: five thread switches, about 70 µs of a request on two cores
/// (docs/benchmarks.md, "the floor of a statement"). A connection used directly runs its statement on the
/// thread pool and resumes the caller from there: two switches. In write-ahead-log mode readers never wait
/// for the writer, and each statement sees every transaction committed before it began.
package final class SQLiteReaders: ReadOnlyStatements {
    private let connections: [SQLiteConnection]
    private let turn = Atomic<UInt>(0)

    private init(connections: [SQLiteConnection]) {
        self.connections = connections
    }

    /// `count` connections; nil means one per thread of the pool that runs SQLite calls, since a connection
    /// serialises its own calls.
    package static func open(path: String, count: Int?, logger: Logger) async throws -> SQLiteReaders {
        var connections: [SQLiteConnection] = []
        do {
            for _ in 0..<max(1, count ?? NIOSingletons.blockingPoolThreadCountSuggestion) {
                let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
                connections.append(connection)
                // A write sent here by mistake fails loudly instead of bypassing the writers' queue.
                _ = try await connection.query("PRAGMA query_only = ON")
            }
        } catch {
            for connection in connections { try? await connection.close() }
            throw error
        }
        return SQLiteReaders(connections: connections)
    }

    /// Runs one statement on the next connection in turn, with the writer's encoding of values.
    package func execute(_ sql: String, _ binds: [any Encodable & Sendable], logger: Logger,
                         _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let encoder = SQLiteDataEncoder()
        let values = try binds.map { try encoder.encode($0) }
        logger.trace("Executing query on a reader", metadata: ["sql": .string(sql)])
        let index = turn.wrappingAdd(1, ordering: .relaxed).oldValue
        try await connections[Int(index % UInt(connections.count))].query(sql, values) { onRow($0.sql(decoder: Self.decoder)) }
    }

    private static let decoder = SQLiteDataDecoder()

    package func close() async {
        for connection in connections { try? await connection.close() }
    }
}

extension SQLiteReaders: LifecycleHandler {
    package func shutdownAsync(_ application: Application) async {
        await close()
    }
}
