import Foundation
import Testing

/// The relational engines a persistence test runs on: SQLite in memory always, PostgreSQL when
/// `CAMPUS_TEST_DATABASE_URL` is set. Each test gets a database of its own (a fresh schema on PostgreSQL).
enum TestEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    static var available: [TestEngine] {
        ProcessInfo.processInfo.environment["CAMPUS_TEST_DATABASE_URL"].map { !$0.isEmpty } == true
            ? [.sqlite, .postgres] : [.sqlite]
    }

    var testDescription: String { rawValue }

    /// A database URL for one test, and the schema to drop afterwards on PostgreSQL.
    func freshDatabaseURL() -> (url: String, schema: String?) {
        switch self {
        case .sqlite:
            return ("sqlite::memory:", nil)
        case .postgres:
            let base = ProcessInfo.processInfo.environment["CAMPUS_TEST_DATABASE_URL"]!
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
            let separator = base.contains("?") ? "&" : "?"
            return (base + separator + "search_path=" + schema, String(schema))
        }
    }
}
