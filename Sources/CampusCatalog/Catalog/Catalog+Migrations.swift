import CampusAccounts
import CampusPlatform
import FluentKit
import SQLKit

/// The catalog tables: categories, tracks with their ordered courses, and courses with full-text search
/// (SQLite FTS5 kept by triggers; a generated `tsvector` with a GIN index on PostgreSQL).
package struct CreateCatalog: AsyncMigration {
    package init() {}

    package var name: String { "CreateCatalog" }

    package func prepare(on database: any Database) async throws {
        try await database.schema(Category.schema)
            .field(.id, .uuid, .identifier(auto: false))
            .field("name", .string, .required)
            .field("slug", .string, .required)
            .auditFields()
            .create()
        try await database.sqlRaw("CREATE UNIQUE INDEX categories_slug_live ON categories (slug) WHERE deleted_at IS NULL")

        try await database.schema(Track.schema)
            .field(.id, .uuid, .identifier(auto: false))
            .field("category_id", .uuid, .references(Category.schema, .id))
            .field("name", .string, .required)
            .field("description", .string)
            .auditFields()
            .create()
        try await database.sqlRaw("CREATE INDEX tracks_category ON tracks (category_id, id)")

        try await database.schema(Course.schema)
            .field(.id, .uuid, .identifier(auto: false))
            .field("content_id", .string, .required)
            .field("slug", .string, .required)
            .field("category_id", .uuid, .references(Category.schema, .id))
            .field("title", .string, .required)
            .field("description", .string)
            .field("level", .string, .required)
            .field("status", .string, .required)
            .field("price_cents", .int)
            .field("currency", .string)
            .field("author_id", .uuid, .references(User.schema, .id))
            .field("published_at", .datetime)
            .auditFields()
            .create()
        // Unique among live rows. Lookups get plain indexes: Fluent's soft-delete condition
        // (`deleted_at IS NULL OR deleted_at > now`) does not let either engine use a partial index.
        try await database.sqlRaw("CREATE UNIQUE INDEX courses_slug_live ON courses (slug) WHERE deleted_at IS NULL")
        try await database.sqlRaw("CREATE INDEX courses_slug ON courses (slug)")
        try await database.sqlRaw("CREATE INDEX courses_content ON courses (content_id)")
        try await database.sqlRaw("CREATE UNIQUE INDEX courses_content_live ON courses (content_id) WHERE deleted_at IS NULL")
        try await database.sqlRaw("CREATE INDEX courses_catalog ON courses (status, id)")
        try await database.sqlRaw("CREATE INDEX courses_category ON courses (category_id, status, id)")
        try await database.sqlRaw("CREATE INDEX courses_level ON courses (level, status, id)")
        try await database.sqlRaw("CREATE INDEX courses_author ON courses (author_id, id)")

        if database.isPostgres {
            // 'simple' keeps Russian and English words as written; the query matches prefixes, which covers
            // inflected forms ("дизайн" finds "дизайна") in both languages without two stemmers.
            try await database.sqlRaw("""
                ALTER TABLE courses ADD COLUMN search tsvector GENERATED ALWAYS AS
                (to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(description, ''))) STORED
                """)
            try await database.sqlRaw("CREATE INDEX courses_search ON courses USING GIN (search)")
        } else {
            try await database.sqlRaw("""
                CREATE VIRTUAL TABLE courses_fts USING fts5(course_id UNINDEXED, title, description,
                tokenize = 'unicode61 remove_diacritics 2')
                """)
            try await database.sqlRaw("""
                CREATE TRIGGER courses_fts_insert AFTER INSERT ON courses BEGIN
                INSERT INTO courses_fts (course_id, title, description) VALUES (new.id, new.title, coalesce(new.description, ''));
                END
                """)
            try await database.sqlRaw("""
                CREATE TRIGGER courses_fts_update AFTER UPDATE OF title, description ON courses BEGIN
                DELETE FROM courses_fts WHERE course_id = old.id;
                INSERT INTO courses_fts (course_id, title, description) VALUES (new.id, new.title, coalesce(new.description, ''));
                END
                """)
        }

        try await database.schema(TrackCourse.schema)
            .field(.id, .uuid, .identifier(auto: false))
            .field("track_id", .uuid, .required, .references(Track.schema, .id))
            .field("course_id", .uuid, .required, .references(Course.schema, .id))
            .field("position", .int, .required)
            .auditFields()
            .create()
        try await database.sqlRaw("CREATE UNIQUE INDEX track_courses_live ON track_courses (track_id, course_id) WHERE deleted_at IS NULL")
        try await database.sqlRaw("CREATE INDEX track_courses_course ON track_courses (course_id)")
        try await database.sqlRaw("CREATE INDEX track_courses_track ON track_courses (track_id, position)")
    }

    package func revert(on database: any Database) async throws {
        if !database.isPostgres { try await database.sqlRaw("DROP TABLE IF EXISTS courses_fts") }
        try await database.schema(TrackCourse.schema).delete()
        try await database.schema(Course.schema).delete()
        try await database.schema(Track.schema).delete()
        try await database.schema(Category.schema).delete()
    }
}
