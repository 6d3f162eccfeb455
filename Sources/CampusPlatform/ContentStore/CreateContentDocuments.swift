import FluentKit
import SQLKit

/// The table behind the embedded content store. Ids sort bytewise on both engines (`COLLATE "C"` on
/// PostgreSQL), so keyset pages come in the same order everywhere.
package struct CreateContentDocuments: AsyncMigration {
    package init() {}

    package var name: String { "CreateContentDocuments" }

    package func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                CREATE TABLE content_documents (
                    collection TEXT NOT NULL,
                    id TEXT COLLATE "C" NOT NULL,
                    body JSONB NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL,
                    PRIMARY KEY (collection, id)
                )
                """).run()
            try await sql.raw("CREATE INDEX content_documents_body ON content_documents USING GIN (body jsonb_path_ops)").run()
        } else {
            try await sql.raw(Self.firstSQLiteTable(named: "content_documents")).run()
        }
    }

    /// The SQLite table as this migration first made it (`SlimContentDocumentKeys` moves it to a rowid table
    /// and back).
    static func firstSQLiteTable(named name: String) -> SQLQueryString {
        """
        CREATE TABLE \(ident: name) (
            collection TEXT NOT NULL,
            id TEXT NOT NULL,
            body TEXT NOT NULL CHECK (json_valid(body)),
            updated_at REAL NOT NULL,
            PRIMARY KEY (collection, id)
        ) WITHOUT ROWID
        """
    }

    package func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP TABLE content_documents").run()
    }
}
