import FluentKit
import SQLKit

/// Keeps large documents (an attempt's details run to 100–200 KB) out of the key structures.
///
/// - SQLite: the table was `WITHOUT ROWID`, so each document lived inside the primary-key b-tree, and
///   finding a key read whole overflowing documents to compare against it (`sqlite3BtreeIndexMoveto` →
///   `accessPayload` was the largest item in the profile of a public-test submit, growing with the number
///   of stored results). A rowid table with a unique index on the key keeps the index small. The
///   `json_valid` check goes too: every body is written by Campus's own JSON writer, and the check parsed
///   each document again inside SQLite.
/// - PostgreSQL: the GIN index over every body indexed each path of every attempt's details, which no query
///   filters on; it now covers authored content only.
package struct SlimContentDocumentKeys: AsyncMigration {
    package init() {}

    package var name: String { "SlimContentDocumentKeys" }

    package func prepare(on database: any Database) async throws {
        // All or nothing: the copy, the drop and the rename happen together.
        try await database.transaction { try await rebuild(on: $0) }
    }

    private func rebuild(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP INDEX content_documents_body").run()
            try await sql.raw("""
                CREATE INDEX content_documents_body ON content_documents USING GIN (body jsonb_path_ops)
                WHERE collection <> 'attempt_details'
                """).run()
        } else {
            try await sql.raw("""
                CREATE TABLE content_documents_rowid (
                    collection TEXT NOT NULL,
                    id TEXT NOT NULL,
                    body TEXT NOT NULL,
                    updated_at REAL NOT NULL
                )
                """).run()
            try await sql.raw("""
                INSERT INTO content_documents_rowid (collection, id, body, updated_at)
                SELECT collection, id, body, updated_at FROM content_documents ORDER BY collection, id
                """).run()
            try await sql.raw("DROP TABLE content_documents").run()
            try await sql.raw("ALTER TABLE content_documents_rowid RENAME TO content_documents").run()
            try await sql.raw("CREATE UNIQUE INDEX content_documents_key ON content_documents (collection, id)").run()
        }
    }

    package func revert(on database: any Database) async throws {
        try await database.transaction { try await restore(on: $0) }
    }

    private func restore(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP INDEX content_documents_body").run()
            try await sql.raw("CREATE INDEX content_documents_body ON content_documents USING GIN (body jsonb_path_ops)").run()
        } else {
            try await sql.raw(CreateContentDocuments.firstSQLiteTable(named: "content_documents_keyed")).run()
            try await sql.raw("""
                INSERT INTO content_documents_keyed (collection, id, body, updated_at)
                SELECT collection, id, body, updated_at FROM content_documents
                """).run()
            try await sql.raw("DROP TABLE content_documents").run()
            try await sql.raw("ALTER TABLE content_documents_keyed RENAME TO content_documents").run()
        }
    }
}
