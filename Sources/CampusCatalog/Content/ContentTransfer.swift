import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import SQLKit

/// Whole-store operations: export to files that import reads back, copy between engines, and the
/// check that every content id the relational store mentions exists.
package enum ContentTransfer {
    /// The collections, with the bundle key import understands for each.
    package static let collections: [(name: String, bundleKey: String)] = [
        (ContentCollection.questions, "questions"),
        (ContentCollection.quizzes, "quizzes"),
        (ContentCollection.courses, "courses"),
        (ContentCollection.lessons, "lessons"),
        (ContentCollection.practices, "practices"),
        (ContentCollection.attemptDetails, "attempt_details"),
    ]

    package static func forEachPage(of collection: String, in store: any ContentStore, pageSize: Int = 500,
                            _ body: ([ContentDocument]) async throws -> Void) async throws {
        var after: String?
        while true {
            let page = try await store.query(collection, filter: [:], after: after, limit: pageSize)
            if page.isEmpty { return }
            try await body(page)
            guard page.count == pageSize else { return }
            after = page.last?.id
        }
    }

    /// Writes `<collection>.json` files, each a bundle `{"<key>": [documents with their ids]}`.
    package static func export(from store: any ContentStore, to directory: String) async throws -> [String: Int] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var counts: [String: Int] = [:]
        for (collection, key) in collections {
            var documents: [JSONValue] = []
            try await forEachPage(of: collection, in: store) { page in
                documents += page.map { document in
                    var body = document.body
                    body[collection == ContentCollection.questions ? "id" : "_id"] = .string(document.id)
                    return .object(body)
                }
            }
            // JSONValue's own writer keeps 1.0 a double, so the files read back exactly.
            let data = Data(try JSONValue.object([key: .array(documents)]).jsonText().utf8)
            try data.write(to: URL(fileURLWithPath: directory).appendingPathComponent("\(collection).json"), options: .atomic)
            counts[collection] = documents.count
        }
        return counts
    }

    package struct CopyReport: Sendable {
        package var copied: [String: Int] = [:]
        package var unchanged: [String: Int] = [:]

        package init(copied: [String: Int] = [:], unchanged: [String: Int] = [:]) {
            self.copied = copied
            self.unchanged = unchanged
        }
    }

    /// Copies every document the target lacks or holds differently, page by page, so a run that stops
    /// part-way resumes where it left off when started again.
    package static func copy(from source: any ContentStore, to target: any ContentStore, dryRun: Bool,
                     progress: (String) -> Void = { _ in }) async throws -> CopyReport {
        var report = CopyReport()
        for (collection, _) in collections {
            try await forEachPage(of: collection, in: source, pageSize: 200) { page in
                let existing = try await target.getMany(collection, ids: page.map(\.id))
                let changed = page.filter { existing[$0.id] != $0.body }
                report.copied[collection, default: 0] += changed.count
                report.unchanged[collection, default: 0] += page.count - changed.count
                if !dryRun && !changed.isEmpty {
                    try await target.write(changed.map { .upsert(collection: collection, id: $0.id, document: $0.body) })
                }
            }
            progress("\(collection): \(report.copied[collection, default: 0]) to copy, \(report.unchanged[collection, default: 0]) already there")
        }
        return report
    }

    /// Relational columns that name content, and the collection each must be found in.
    package static let references: [(table: String, column: String, collection: String)] = [
        ("quiz_attempts", "quiz_content_id", ContentCollection.quizzes),
        ("quiz_attempts", "details_ref", ContentCollection.attemptDetails),
        ("courses", "content_id", ContentCollection.courses),
        ("lesson_progress", "lesson_content_id", ContentCollection.lessons),
        ("practice_attempts", "practice_content_id", ContentCollection.practices),
        ("practice_attempts", "details_ref", ContentCollection.attemptDetails),
    ]

    package struct Dangling: Sendable, CustomStringConvertible {
        package var table: String
        package var column: String
        package var contentID: String

        package init(table: String, column: String, contentID: String) {
            self.table = table
            self.column = column
            self.contentID = contentID
        }
        package var description: String { "\(table).\(column) = \(contentID): not in the content store" }
    }

    package static func check(database: any Database, store: any ContentStore) async throws -> [Dangling] {
        var dangling: [Dangling] = []
        for reference in references {
            var after = ""
            while true {
                let rows = try await database.sql.raw("""
                    SELECT DISTINCT \(ident: reference.column) AS ref FROM \(ident: reference.table)
                    WHERE \(ident: reference.column) IS NOT NULL AND \(ident: reference.column) > \(bind: after)
                    ORDER BY ref LIMIT 500
                    """).all()
                let ids = try rows.map { try $0.decode(column: "ref", as: String.self) }
                guard let last = ids.last else { break }
                let found = try await store.getMany(reference.collection, ids: ids)
                dangling += ids.filter { found[$0] == nil }.map { Dangling(table: reference.table, column: reference.column, contentID: $0) }
                after = last
            }
        }
        return dangling
    }
}
