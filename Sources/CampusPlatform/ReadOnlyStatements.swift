import Logging
import SQLKit

/// Runs plain read statements on connections of their own, away from the one writer connection of the embedded
/// store (`EmbeddedDatabase`). On SQLite this is `SQLiteReaders` (CampusServer).
package protocol ReadOnlyStatements: Sendable {
    func execute(_ sql: String, _ binds: [any Encodable & Sendable], logger: Logger,
                 _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws
}
