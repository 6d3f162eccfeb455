import CampusAccounts
import CampusCatalog
import CampusPlatform
import CampusQuizzes
import FluentKit
import Foundation
import SQLKit

/// What the cabinet shows of an enrolled course (slug, title, content id), kept per instance for a
/// short while. Joining `courses` into the dashboard's statement doubled what SQLite spends preparing
/// it (the planner weighs every index of `courses`); course rows change rarely and only by authors.
package final class CourseLabels: Sendable {
    package init() {}

    package struct Label: Sendable, Equatable {
        package var slug: String
        package var title: String
        package var contentID: String

        package init(slug: String, title: String, contentID: String) {
            self.slug = slug
            self.title = title
            self.contentID = contentID
        }
    }

    package static let lifetime: TimeInterval = 2

    /// By lower-case course id; nil marks a course that is deleted or missing.
    private let cache = TimedCache<String, Label?>(lifetime: lifetime, capacity: 20_000)

    /// The labels of the live courses among `ids` (lower-case UUID text); deleted ones are left out.
    package func labels(for ids: [String], on database: any Database, now: Date) async throws -> [String: Label] {
        var found: [String: Label] = [:]
        var missing: [UUID] = []
        for id in Set(ids) {
            if let cached = cache.value(id, now: now) {
                if let cached { found[id] = cached }
            } else if let uuid = UUID(uuidString: id) {
                missing.append(uuid)
            }
        }
        guard !missing.isEmpty else { return found }
        let rows = try await database.sql.raw("""
            SELECT id, slug, title, content_id FROM courses WHERE id IN (\(binds: missing)) AND deleted_at IS NULL
            """).all()
        var loaded: [String: Label] = [:]
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self).wireString
            loaded[id] = Label(slug: try row.decode(column: "slug", as: String.self), title: try row.decode(column: "title", as: String.self),
                               contentID: try row.decode(column: "content_id", as: String.self))
        }
        for id in missing.map(\.wireString) {
            cache.store(loaded[id], for: id, now: now)
            if let label = loaded[id] { found[id] = label }
        }
        return found
    }

    package func evict(_ id: UUID?) {
        cache.evict(id?.wireString)
    }
}
