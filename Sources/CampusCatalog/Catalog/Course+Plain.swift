import CampusPlatform
import FluentKit
import SQLKit

extension Course {
    /// Every column, in the order `decode` reads them.
    static let columns: SQLQueryString = """
        id, content_id, slug, category_id, title, description, level, status, price_cents, currency, author_id,
        published_at, created_at, updated_at, deleted_at, created_by, updated_by
        """

    /// Live courses matching `condition`, in the order and number `tail` asks (`ORDER BY`, `LIMIT`), read with
    /// one plain statement (see `PlainRowOutput`).
    static func load(where condition: SQLQueryString, _ tail: SQLQueryString = "", on database: any Database) async throws -> [Course] {
        try await rows(where: condition, tail, on: database).map(decode)
    }

    private static func rows(where condition: SQLQueryString, _ tail: SQLQueryString = "", on database: any Database) async throws -> [any SQLRow] {
        var query: SQLQueryString = "SELECT "
        query += columns
        query += " FROM courses WHERE deleted_at IS NULL AND "
        query += condition
        query += " "
        query += tail
        return try await database.sql.raw(query).all()
    }

    static func decode(_ row: any SQLRow) throws -> Course {
        let output = PlainRowOutput(row)
        let course = Course()
        try output.fill(course.$id, course.$contentID, course.$slug, course.$categoryID, course.$title,
                        course.$description, course.$level, course.$status, course.$priceCents, course.$currency,
                        course.$authorID, course.$publishedAt, course.$createdAt, course.$updatedAt, course.$deletedAt,
                        course.$createdBy, course.$updatedBy)
        return course
    }
}
