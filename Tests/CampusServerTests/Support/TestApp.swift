import CampusCore
import FluentKit
import Foundation
import Synchronization
import Testing
import Vapor
import VaporTesting
@testable import CampusAccounts
@testable import CampusAdmin
@testable import CampusCatalog
@testable import CampusCompatibility
@testable import CampusLearning
@testable import CampusPlatform
@testable import CampusQuizzes
@testable import CampusServer
#if MongoDB
@testable import CampusMongo
#endif

/// A settable clock for tests that cross time limits without sleeping.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date()) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    var campusClock: CampusClock { CampusClock { [self] in self.now } }
}

/// Collects mail instead of sending it.
final class RecordingMailTransport: MailTransport {
    struct Message: Sendable {
        let recipient: String
        let subject: String
        let body: String
    }

    private let messages = Mutex<[Message]>([])

    var name: String { "recording" }

    func deliver(to recipient: String, subject: String, body: String) async throws {
        messages.withLock { $0.append(Message(recipient: recipient, subject: subject, body: body)) }
    }

    var all: [Message] { messages.withLock { $0 } }
}

/// One Campus application on a fresh database, with a test clock and recorded mail.
struct TestCampus {
    let app: Application
    let clock: TestClock
    let mail: RecordingMailTransport
    let engine: TestEngine

    /// The engine behind the cache, which fails writes on request.
    var faults: FaultyContentStore {
        ((app.campus.content as! CachingContentStore).base as! MeteredContentStore).base as! FaultyContentStore
    }

    /// Delivers queued mail and returns the newest six-digit code sent to `email`.
    func latestCode(for email: String) async throws -> String? {
        await app.campus.background.drain()
        try await app.campus.outbox.deliverDue()
        let body = mail.all.last { $0.recipient == email.lowercased() }?.body ?? ""
        guard let match = body.firstMatch(of: /\b(\d{6})\b/) else { return nil }
        return String(match.1)
    }
}

func withCampus(
    _ engine: TestEngine,
    configure: (inout CampusConfiguration) -> Void = { _ in },
    logger: Logger? = nil,
    quizOutcomes: [any QuizOutcomes] = [],
    eventLoops: Int? = nil,
    _ test: (TestCampus) async throws -> Void
) async throws {
    let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("campus-test-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
    let (url, schema) = engine.freshDatabaseURL(dataDirectory: dataDirectory)
    var environment = [
        "CAMPUS_DATABASE_URL": url,
        "CAMPUS_JWT_SECRET": "test-secret-test-secret-test-secret-0123456789",
        "CAMPUS_BCRYPT_COST": "4",
        "CAMPUS_DATA_DIR": dataDirectory,
    ]
    if engine == .postgres {
        // Lower costs are refused on PostgreSQL in production; tests state it explicitly.
        environment["CAMPUS_BCRYPT_COST"] = nil
    }
    var config = try CampusConfiguration.fromEnvironment(environment)
    config.bcryptCost = 4
    config.loadDemoContent = false
    if engine == .mongo { config.mongoURI = TestEngine.freshMongoURI() }
    configure(&config)
    let clock = TestClock()
    let mail = RecordingMailTransport()
    var overrides = CampusApp.Overrides()
    overrides.clock = clock.campusClock
    overrides.mailTransport = mail
    overrides.runBackgroundWorkers = false
    overrides.wrapContentStore = { FaultyContentStore(base: $0) }
    overrides.extraQuizOutcomes = quizOutcomes

    // A test that needs requests to meet on one event loop whatever the machine's core count asks for fewer.
    let group: (any EventLoopGroup)? = eventLoops.map { MultiThreadedEventLoopGroup(numberOfThreads: $0) }
    let app = try await Application.make(.testing, group.map { .shared($0) } ?? .singleton)
    if let logger { app.logger = logger }
    do {
        try await CampusApp.configure(app, config, overrides: overrides)
        try await test(TestCampus(app: app, clock: clock, mail: mail, engine: engine))
    } catch {
        await cleanUp(app, schema: schema)
        try? await group?.shutdownGracefully()
        throw error
    }
    await cleanUp(app, schema: schema)
    try? await group?.shutdownGracefully()
}

private func cleanUp(_ app: Application, schema: String?) async {
    #if MongoDB
    let engine = ((app.campusIfConfigured?.content as? CachingContentStore)?.base as? MeteredContentStore)?.base
    if let mongo = ((engine as? FaultyContentStore)?.base ?? engine) as? MongoContentStore {
        try? await mongo.dropDatabase()
    }
    #endif
    if let schema {
        try? await app.campusDB.sqlRaw("DROP SCHEMA IF EXISTS \(unsafeRaw: schema) CASCADE")
    }
    try? await app.asyncShutdown()
}
