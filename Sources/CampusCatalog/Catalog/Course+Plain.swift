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

    static func rows(where condition: SQLQueryString, _ tail: SQLQueryString = "", on database: any Database) async throws -> [any SQLRow] {
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
        try course.$id.output(from: output)
        try course.$contentID.output(from: output)
        try course.$slug.output(from: output)
        try course.$categoryID.output(from: output)
        try course.$title.output(from: output)
        try course.$description.output(from: output)
        try course.$level.output(from: output)
        try course.$status.output(from: output)
        try course.$priceCents.output(from: output)
        try course.$currency.output(from: output)
        try course.$authorID.output(from: output)
        try course.$publishedAt.output(from: output)
        try course.$createdAt.output(from: output)
        try course.$updatedAt.output(from: output)
        try course.$deletedAt.output(from: output)
        try course.$createdBy.output(from: output)
        try course.$updatedBy.output(from: output)
        return course
    }
}
