@testable import CampusPlatform
import FluentKit
import Foundation
import SQLKit
import Testing

/// On the embedded SQLite file, plain reads outside a transaction go to read-only connections
/// (`EmbeddedDatabase`, `SQLiteReaders`): they must see every commit, never wait for an open transaction,
/// and never see what it has not committed.
@Suite("Embedded read connections")
struct EmbeddedReadersTests {
    @Test("only statements starting with SELECT count as reads")
    func classification() {
        #expect(EmbeddedDatabase.onlyReads("SELECT 1"))
        #expect(EmbeddedDatabase.onlyReads("SELECT\n  id FROM users"))
        #expect(!EmbeddedDatabase.onlyReads("SELECTED"))
        #expect(!EmbeddedDatabase.onlyReads("select 1"))
        #expect(!EmbeddedDatabase.onlyReads("UPDATE users SET name = 'x'"))
        #expect(!EmbeddedDatabase.onlyReads("WITH x AS (SELECT 1) DELETE FROM users"))
        #expect(!EmbeddedDatabase.onlyReads("PRAGMA journal_mode"))
    }

    @Test("a read outside an open transaction answers at once with the last committed rows; a later read sees the commit")
    func readsDoNotWaitForTheWriter() async throws {
        try await withCampus(.sqlite) { campus in
            let database = campus.app.campusDB
            #expect(database is EmbeddedDatabase)
            try await database.sqlRaw("CREATE TABLE reader_probe (n INTEGER NOT NULL)")
            try await database.sqlRaw("INSERT INTO reader_probe (n) VALUES (1)")
            let seenDuring = try await database.transaction { transaction in
                try await transaction.sqlRaw("INSERT INTO reader_probe (n) VALUES (2)")
                let inside = try await Self.count(on: transaction)
                // With one shared connection this read would queue behind the transaction holding it.
                let outside = try await Self.count(on: database)
                return (inside, outside)
            }
            #expect(seenDuring.0 == 2, "a transaction reads its own writes")
            #expect(seenDuring.1 == 1, "a read outside sees only what was committed")
            #expect(try await Self.count(on: database) == 2, "the commit is seen by the next read")
        }
    }

    @Test("the read-only connections refuse a write, so nothing can bypass the writers' queue")
    func readersAreReadOnly() async throws {
        try await withCampus(.sqlite) { campus in
            let database = try #require(campus.app.campusDB as? EmbeddedDatabase)
            try await database.sqlRaw("CREATE TABLE reader_probe (n INTEGER NOT NULL)")
            await #expect(throws: (any Error).self) {
                try await database.readers.execute("INSERT INTO reader_probe (n) VALUES (1)", [], logger: database.logger) { _ in }
            }
            #expect(try await Self.count(on: database) == 0)
        }
    }

    private static func count(on database: any Database) async throws -> Int {
        try await database.sql.raw("SELECT count(*) AS n FROM reader_probe").first()?.decode(column: "n", as: Int.self) ?? -1
    }
}
