import FluentKit
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import CampusAccounts
@testable import CampusPlatform
@testable import CampusServer

/// SQLite keeps UUIDs as text. Campus reads and writes that text itself (`UUID+SQLiteData.swift`); files
/// written before must read the same, and new rows must hold what Foundation's `uuidString` wrote.
@Suite("UUIDs in SQLite")
struct UUIDStorageTests {
    @Test("a new row holds the upper-case text as before, and a signed-in request finds it")
    func storedText() async throws {
        try await withCampus(.sqlite) { campus in
            let tokens = try await campus.register(email: "uuid-text@example.com")
            let token = try #require(tokens[string: "access_token"])
            let row = try #require(try await campus.app.campusDB.sql
                .raw("SELECT id, typeof(id) AS kind FROM users WHERE email = 'uuid-text@example.com'").first())
            let text = try row.decode(column: "id", as: String.self)
            #expect(try row.decode(column: "kind", as: String.self) == "text")
            let id = try #require(UUID(uuidString: text))
            #expect(text == id.uuidString)
            let me = try await campus.request(.GET, "/api/v1/users/me", token: token)
            #expect(me.status == .ok)
            #expect(me.jsonObject[string: "id"] == id.uuidString.lowercased())
        }
    }

    @Test("rows whose ids were written in lower case read back, through Fluent and through plain statements")
    func lowerCaseRows() async throws {
        try await withCampus(.sqlite) { campus in
            _ = try await campus.register(email: "uuid-lower@example.com")
            let database = campus.app.campusDB
            // Sessions refer to the user; the rewrite of the key is of its case only.
            try await database.sqlRaw("PRAGMA foreign_keys = OFF")
            try await database.sqlRaw("UPDATE users SET id = lower(id) WHERE email = 'uuid-lower@example.com'")
            let text = try #require(try await database.sql.raw("SELECT id FROM users WHERE email = 'uuid-lower@example.com'").first())
                .decode(column: "id", as: String.self)
            #expect(text == text.lowercased())
            let user = try #require(try await User.query(on: database).filter(\.$email == "uuid-lower@example.com").first())
            #expect(user.id == UUID(uuidString: text))
            let refused = try await database.sql.raw("SELECT 'not-a-uuid' AS id").first()
            #expect(throws: (any Error).self) { try refused?.decode(column: "id", as: UUID.self) }
        }
    }
}
