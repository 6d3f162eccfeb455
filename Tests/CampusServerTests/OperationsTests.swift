import CampusCore
import FluentKit
import Foundation
import Logging
import SQLKit
import Synchronization
import Testing
import Vapor
import VaporTesting
@testable import CampusAccounts
@testable import CampusPlatform
@testable import CampusServer

@Suite("Operations: logs, migrations and instances")
struct OperationsTests {
    @Test("CAMPUS_LOG_FORMAT=json writes one JSON object per line; every request is one line with route, status, duration and user")
    func jsonAccessLog() async throws {
        let lines = Mutex<[Data]>([])
        var logger = Logger(label: "campus.test") { label in
            RedactingLogHandler(JSONLogHandler(label: label, write: { line in lines.withLock { $0.append(line) } }))
        }
        logger.logLevel = .info
        try await withCampus(.sqlite, logger: logger) { campus in
            let user = try await campus.user()
            #expect(try await campus.request(.GET, "/api/v1/users/me", token: user.token).status == .ok)
            #expect(try await campus.request(.GET, "/api/v1/lessons/lesson:nowhere").status == .notFound)
        }
        let objects = try lines.withLock { $0 }.map { line -> [String: Any] in
            #expect(line.last == UInt8(ascii: "\n") && !line.dropLast().contains(UInt8(ascii: "\n")))
            return try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        }
        let requests = objects.filter { $0["message"] as? String == "request" }
        let me = try #require(requests.first { $0["route"] as? String == "/api/v1/users/me" })
        #expect(me["status"] as? String == "200" && me["method"] as? String == "GET" && me["level"] as? String == "info")
        #expect((me["user_id"] as? String)?.count == 36 && me["request_id"] != nil && me["duration_ms"] != nil && me["time"] != nil)
        // The pattern, never the path: ids and codes in paths stay out of the log.
        let missing = try #require(requests.first { $0["status"] as? String == "404" })
        #expect(missing["route"] as? String == "/api/v1/lessons/:lessonID")
        #expect(!requests.contains { ($0["route"] as? String)?.contains("nowhere") == true })
    }

    @Test("instances started at once over one PostgreSQL migrate it and load the demo content once",
          .enabled(if: TestEngine.available.contains(.postgres)))
    func migrationsOnce() async throws {
        let (url, schema) = TestEngine.postgres.freshDatabaseURL(dataDirectory: "")
        var config = try CampusConfiguration.fromEnvironment([
            "CAMPUS_DATABASE_URL": url, "CAMPUS_JWT_SECRET": "test-secret-test-secret-test-secret-0123456789",
            "CAMPUS_DATA_DIR": FileManager.default.temporaryDirectory.appendingPathComponent("campus-test-\(UUID().uuidString)").path,
        ])
        config.bcryptCost = 4
        var overrides = CampusApp.Overrides()
        overrides.runBackgroundWorkers = false
        let apps = try await withThrowingTaskGroup(of: Application.self) { group in
            for _ in 0..<3 {
                group.addTask { [config, overrides] in
                    let app = try await Application.make(.testing)
                    try await CampusApp.configure(app, config, overrides: overrides)
                    return app
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let rows = try await apps[0].campusDB.sql.raw("SELECT name, COUNT(*) AS n FROM _fluent_migrations GROUP BY name").all()
        #expect(!rows.isEmpty)
        #expect(try rows.allSatisfy { try $0.decode(column: "n", as: Int.self) == 1 })
        let courses = try await apps[0].campusDB.sql.raw("SELECT COUNT(*) AS n FROM courses").first()
        #expect(try courses?.decode(column: "n", as: Int.self) == 1)
        try await apps[0].campusDB.sqlRaw("DROP SCHEMA IF EXISTS \(unsafeRaw: schema!) CASCADE")
        for app in apps { try await app.asyncShutdown() }
    }

    @Test("a data folder that got its own content before the first start starts with demo content switched on")
    func ownContentBeforeFirstStart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("campus-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        func start(demo: Bool) async throws -> Application {
            var config = try CampusConfiguration.fromEnvironment(["CAMPUS_DATA_DIR": folder.path])
            config.bcryptCost = 4
            config.loadDemoContent = demo
            var overrides = CampusApp.Overrides()
            overrides.runBackgroundWorkers = false
            let app = try await Application.make(.testing)
            do {
                try await CampusApp.configure(app, config, overrides: overrides)
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            return app
        }
        // As `campus content import` into a fresh folder does: content first, no demo.
        let importer = try await start(demo: false)
        try await importer.campus.content.upsert(ContentCollection.questions, id: "own-1", document: [
            "category": "api", "question": "Own question", "options": [["value": "a", "text": "A"], ["value": "b", "text": "B"]],
            "weights": ["a": 1, "b": 0],
        ])
        try await importer.campus.content.upsert(ContentCollection.quizzes, id: "quiz:own", document: [
            "title": "Own quiz", "question_ids": ["own-1"], "categories": ["api": ["name": "API"]],
        ])
        try await importer.asyncShutdown()
        let server = try await start(demo: true)
        #expect(try await server.campus.content.get(ContentCollection.quizzes, id: "quiz:own") != nil)
        try await server.asyncShutdown()
    }

    @Test("a second Campus server opening the same SQLite file says at start that the embedded store serves one instance; a command beside it does not")
    func sqliteSingleInstance() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("campus-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("campus.sqlite").path
        func start(_ logger: Logger, command: Bool = false) async throws -> Application {
            var config = try CampusConfiguration.fromEnvironment(["CAMPUS_DATABASE_URL": "sqlite://" + file, "CAMPUS_DATA_DIR": folder.path])
            config.bcryptCost = 4
            config.loadDemoContent = false
            var overrides = CampusApp.Overrides()
            overrides.runBackgroundWorkers = false
            overrides.holdsEmbeddedStore = !command
            let app = try await Application.make(.testing)
            app.logger = logger
            try await CampusApp.configure(app, config, overrides: overrides)
            return app
        }
        let firstLog = LogCapture(), secondLog = LogCapture()
        let first = try await start(Logger(label: "first") { _ in firstLog })
        let second = try await start(Logger(label: "second") { _ in secondLog })
        #expect(!firstLog.text.contains("serves one instance"))
        #expect(secondLog.text.contains("serves one instance"))
        // A command run beside the server (creating an admin, a backup) is not a second instance.
        let commandLog = LogCapture()
        let command = try await start(Logger(label: "command") { _ in commandLog }, command: true)
        #expect(!commandLog.text.contains("serves one instance"))
        try await command.asyncShutdown()
        try await second.asyncShutdown()
        try await first.asyncShutdown()
    }
}

@Suite("Operations: metrics")
struct MetricsTests {
    @Test("GET /metrics is not served without CAMPUS_METRICS_TOKEN, needs the token with it, and counts requests by route pattern and status class")
    func metrics() async throws {
        try await withCampus(.sqlite) { campus in
            let unconfigured = try await campus.request(.GET, "/metrics")
            #expect(unconfigured.status == .notFound)
        }
        let token = "metrics-token-0123456789"
        try await withCampus(.sqlite, configure: { $0.metricsToken = token }) { campus in
            #expect(try await campus.request(.GET, "/metrics").status == .unauthorized)
            #expect(try await campus.request(.GET, "/metrics", headers: [("Authorization", "Bearer wrong-token-0123456789")]).status == .unauthorized)
            let user = try await campus.user()
            for _ in 0..<3 { #expect(try await campus.request(.GET, "/api/v1/users/me", token: user.token).status == .ok) }
            #expect(try await campus.request(.GET, "/api/v1/lessons/lesson:x").status == .notFound)
            _ = try await campus.latestCode(for: "nobody@example.com")
            let response = try await campus.request(.GET, "/metrics", headers: [("Authorization", "Bearer \(token)")])
            #expect(response.status == .ok && response.headers.contentType?.type == "text")
            let text = response.body.string
            let requests = text.split(separator: "\n").filter { $0.hasPrefix("campus_http_requests_total{") }
            #expect(requests.contains { $0.contains(#"route="/api/v1/users/me""#) && $0.contains(#"status="2xx""#) && $0.hasSuffix(" 3") })
            #expect(requests.contains { $0.contains(#"route="/api/v1/lessons/:lessonID""#) && $0.contains(#"status="4xx""#) })
            #expect(text.contains("campus_http_request_duration_seconds_bucket{"))
            #expect(text.contains("campus_outbox_depth") && text.contains("campus_outbox_oldest_age_seconds"))
            #expect(!text.contains(user.token) && !text.contains("lesson:x"))
        }
    }
}

extension MetricsTests {
    @Test("requests that queue for the database's pooled connection are counted", arguments: TestEngine.available.filter { $0 != .mongo })
    func poolWaits(engine: TestEngine) async throws {
        let token = "metrics-token-0123456789"
        // One event loop with one connection: on a machine with many cores, two dozen requests spread over
        // as many loops need not meet.
        try await withCampus(engine, configure: { $0.metricsToken = token; $0.databaseConnectionsPerLoop = 1 }, eventLoops: 1) { campus in
            let user = try await campus.user()
            try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<24 {
                    group.addTask { try await campus.request(.GET, "/api/v1/users/me/notes", token: user.token).status }
                }
                for try await status in group { #expect(status == .ok) }
            }
            let text = try await campus.request(.GET, "/metrics", headers: [("Authorization", "Bearer \(token)")]).body.string
            let waits = text.split(separator: "\n").first { $0.hasPrefix("campus_db_pool_waits_total ") }
            #expect((waits?.split(separator: " ").last.flatMap { Double($0) } ?? 0) > 0)
        }
    }

    @Test("calls that reach the content engine are timed by operation, and its failures counted")
    func contentStoreCalls() async throws {
        struct Unreachable: Error {}
        struct DownStore: ContentStore {
            var engineName: String { "down" }
            func get(_ collection: String, id: String) async throws -> JSONObject? { nil }
            func getMany(_ collection: String, ids: [String]) async throws -> [String: JSONObject] { [:] }
            func upsert(_ collection: String, id: String, document: JSONObject) async throws { throw Unreachable() }
            func delete(_ collection: String, id: String) async throws -> Bool { throw Unreachable() }
            func query(_ collection: String, filter: JSONObject, after: String?, limit: Int) async throws -> [ContentDocument] { [] }
            func write(_ batch: [ContentWrite]) async throws { throw Unreachable() }
            func ping() async throws { throw Unreachable() }
        }
        let metrics = CampusMetrics()
        let store = MeteredContentStore(base: DownStore(), metrics: metrics)
        _ = try await store.get("questions", id: "q1")
        _ = try await store.get("questions", id: "q2")
        await #expect(throws: Unreachable.self) { try await store.ping() }
        let lines = metrics.text().split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("campus_content_store_duration_seconds_count{") && $0.contains(#"operation="get""#) && $0.hasSuffix(" 2") })
        #expect(lines.contains { $0.hasPrefix("campus_content_store_errors_total{") && $0.contains(#"operation="ping""#) && $0.hasSuffix(" 1") })
        #expect(!lines.contains { $0.hasPrefix("campus_content_store_errors_total{") && $0.contains(#"operation="get""#) })
    }
}

@Suite("Operations: backups")
struct BackupTests {
    @Test("campus backup copies the embedded store while Campus runs; a fresh data folder started on the copy finds every row")
    func backupRestores() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("campus-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        func start(_ folder: URL) async throws -> Application {
            var config = try CampusConfiguration.fromEnvironment(["CAMPUS_DATA_DIR": folder.path])
            config.bcryptCost = 4
            config.loadDemoContent = false
            config.authRatePerMinute = 0
            var overrides = CampusApp.Overrides()
            overrides.runBackgroundWorkers = false
            let app = try await Application.make(.testing)
            try await CampusApp.configure(app, config, overrides: overrides)
            return app
        }
        let live = try await start(root.appendingPathComponent("live"))
        for index in 0..<25 {
            let response = try await live.testing().sendRequest(.POST, "/api/v1/auth/register", headers: ["Content-Type": "application/json"],
                                                                body: ByteBuffer(string: #"{"email":"u\#(index)@example.com","password":"correct horse battery","name":"U"}"#))
            #expect(response.status == .created)
        }
        let copy = root.appendingPathComponent("backup.sqlite").path
        try SQLiteBackup.copy(from: root.appendingPathComponent("live/campus.sqlite").path, to: copy)
        #expect(throws: SQLiteBackup.Failure.self) { try SQLiteBackup.copy(from: root.appendingPathComponent("live/campus.sqlite").path, to: copy) }
        // Written after the copy: not in it.
        _ = try await live.testing().sendRequest(.POST, "/api/v1/auth/register", headers: ["Content-Type": "application/json"],
                                                 body: ByteBuffer(string: #"{"email":"late@example.com","password":"correct horse battery","name":"L"}"#))
        try await live.asyncShutdown()

        let restored = root.appendingPathComponent("restored")
        try FileManager.default.createDirectory(at: restored, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: copy, toPath: restored.appendingPathComponent("campus.sqlite").path)
        let app = try await start(restored)
        let users = try await app.campusDB.sql.raw("SELECT email FROM users").all().map { try $0.decode(column: "email", as: String.self) }
        #expect(Set(users) == Set((0..<25).map { "u\($0)@example.com" }))
        let login = try await app.testing().sendRequest(.POST, "/api/v1/auth/login", headers: ["Content-Type": "application/json"],
                                                        body: ByteBuffer(string: #"{"email":"u7@example.com","password":"correct horse battery"}"#))
        #expect(login.status == .ok)
        try await app.asyncShutdown()
    }
}

@Suite("Operations: background work across instances")
struct InstancesTests {
    @Test("two instances' outbox loops over one database send every message once", arguments: TestEngine.available.filter { $0 != .mongo })
    func outboxOnce(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let now = campus.clock.now
            for index in 0..<60 {
                try await OutboxMessage(recipient: "r\(index)@example.com", subject: "S", body: "B", now: now, createdBy: nil).create(on: campus.app.campusDB)
            }
            let mail = RecordingMailTransport()
            let senders = (0..<2).map { _ in
                OutboxSender(database: { campus.app.campusDB }, transport: mail, clock: campus.clock.campusClock, logger: campus.app.logger)
            }
            let delivered = try await withThrowingTaskGroup(of: Int.self) { group in
                for sender in senders {
                    group.addTask { try await sender.deliverDue(limit: 20) + sender.deliverDue(limit: 20) + sender.deliverDue(limit: 20) }
                }
                return try await group.reduce(0, +)
            }
            #expect(delivered == 60)
            let recipients = mail.all.map(\.recipient)
            #expect(recipients.count == 60 && Set(recipients).count == 60)
        }
    }
}
