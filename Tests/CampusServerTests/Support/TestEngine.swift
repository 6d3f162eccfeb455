import Foundation
import Testing

/// The relational engines a persistence test runs on: SQLite (a file) always, PostgreSQL when
/// `CAMPUS_TEST_DATABASE_URL` is set. Each test gets a database of its own (a fresh schema on PostgreSQL).
enum TestEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres
    /// SQLite for the relational store, MongoDB (`CAMPUS_TEST_MONGODB_URI`) for content.
    case mongo

    static var available: [TestEngine] {
        var engines: [TestEngine] = [.sqlite]
        if ProcessInfo.processInfo.environment["CAMPUS_TEST_DATABASE_URL"].map({ !$0.isEmpty }) == true {
            engines.append(.postgres)
        }
        #if MongoDB
        if mongoURI != nil { engines.append(.mongo) }
        #endif
        return engines
    }

    static var mongoURI: String? {
        ProcessInfo.processInfo.environment["CAMPUS_TEST_MONGODB_URI"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The test server's URI with a database of this test's own.
    static func freshMongoURI() -> String? {
        guard let base = mongoURI, var components = URLComponents(string: base) else { return nil }
        components.path = "/campus_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        return components.string
    }

    var testDescription: String { rawValue }

    /// A database URL for one test, and the schema to drop afterwards on PostgreSQL. SQLite is a file in the
    /// test's own data folder, as in production: its reads go through the read-only connections.
    func freshDatabaseURL(dataDirectory: String) -> (url: String, schema: String?) {
        switch self {
        case .sqlite, .mongo:
            return ("sqlite://" + dataDirectory + "/campus.sqlite", nil)
        case .postgres:
            let base = ProcessInfo.processInfo.environment["CAMPUS_TEST_DATABASE_URL"]!
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
            let separator = base.contains("?") ? "&" : "?"
            return (base + separator + "search_path=" + schema, String(schema))
        }
    }
}
