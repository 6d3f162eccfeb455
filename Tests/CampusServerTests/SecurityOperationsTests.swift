import CampusCore
import FluentKit
import FluentPostgresDriver
import Foundation
import Logging
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

/// Outages, logs and the HTTP contract (issue 19, items 5, 8, 14): each test failed before its fix.
@Suite("Security: operations")
struct SecurityOperationsTests {
    @Test("a database outage answers 503 with Retry-After and leaves a submit undone, never half-done",
          arguments: TestEngine.available.filter { $0 != .mongo })
    func outage(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let (token, path) = try await Self.startedAttempt(campus)

            let restore = try DatabaseOutageSimulation.begin(campus.app)
            campus.clock.advance(by: 3)   // past the per-instance caches
            let me = try await campus.request(.GET, "/api/v1/users/me", token: token)
            let submit = try await campus.request(.POST, path + "/submit", json: ["answers": QuizFixtures.bestAnswers], token: token)
            let login = try await campus.request(.POST, "/api/v1/auth/login", json: ["email": "x@example.com", "password": "whatever it is"])
            restore()

            for response in [me, submit, login] {
                #expect(response.status == .serviceUnavailable, "\(response.body.string)")
                #expect(response.problemType == "https://campus.dev/problems/database-unavailable")
                #expect(response.headers.first(name: "Retry-After") != nil)
            }
            let read = try await campus.request(.GET, path, token: token)
            #expect(read.jsonObject[string: "status"] == "in_progress")
            let retried = try await campus.request(.POST, path + "/submit", json: ["answers": QuizFixtures.bestAnswers], token: token)
            #expect(retried.status == .ok, "\(retried.body.string)")
            #expect(retried.jsonObject["question_details"] != nil)
        }
    }

    /// CI's cluster run once lost an instance to this: a prepared statement that found PostgreSQL gone left the
    /// connection's hand-back promise unanswered, which a debug build stops on (a release build leaks it).
    @Test("a prepared statement while PostgreSQL is gone throws, and leaves no promise unanswered")
    func preparedStatementOutage() async throws {
        try await withCampus(.sqlite) { campus in
            let restore = try DatabaseOutageSimulation.begin(campus.app)
            defer { restore() }
            let gone = campus.app.databases.database(.init(string: "gone"), logger: campus.app.logger,
                                                     on: campus.app.eventLoopGroup.any())
            await #expect(throws: (any Error).self) { try await gone?.runPrepared(SelectOne()) }
        }
    }

    @Test("a prepared statement past its deadline fails with a connection error, and the next one is answered",
          .enabled(if: TestEngine.available.contains(.postgres)))
    func preparedStatementDeadline() async throws {
        try await withCampus(.postgres) { campus in
            let database = campus.app.campusDB
            // Answered in time, the statement would return its row instead of throwing.
            await #expect(throws: (any Error).self) { try await database.runPrepared(SleepOneSecond(), deadline: .milliseconds(100)) }
            let answered = try await database.runPrepared(SelectOne())
            #expect(answered == [1])
        }
    }

    @Test("a submit whose details cannot be written leaves the attempt open for a retry", arguments: TestEngine.available)
    func submitDetailsFailure(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let (token, path) = try await Self.startedAttempt(campus)
            campus.faults.failNextWrite(of: ContentCollection.attemptDetails)
            let failed = try await campus.request(.POST, path + "/submit", json: ["answers": QuizFixtures.bestAnswers], token: token)
            #expect(failed.status.code >= 500)
            #expect(try await campus.request(.GET, path, token: token).jsonObject[string: "status"] == "in_progress")
            let retried = try await campus.request(.POST, path + "/submit", json: ["answers": QuizFixtures.bestAnswers], token: token)
            #expect(retried.status == .ok)
            #expect(retried.jsonObject["score"] as? Int == 100)
        }
    }

    @Test("no log level prints a code, a token or a password", arguments: TestEngine.available)
    func logsCarryNoSecrets(engine: TestEngine) async throws {
        let capture = LogCapture()
        var logger = Logger(label: "campus.test") { _ in RedactingLogHandler(capture) }
        logger.logLevel = .trace
        try await withCampus(engine, logger: logger) { campus in
            let pair = try await campus.register(email: "secret@example.com", password: "correct horse battery")
            let access = try #require(pair[string: "access_token"])
            let refresh = try #require(pair[string: "refresh_token"])
            _ = try await campus.request(.GET, "/api/v1/users/me", token: access)
            _ = try await campus.request(.POST, "/api/v1/auth/refresh", json: ["refresh_token": refresh])
            let code = try #require(try await campus.latestCode(for: "secret@example.com"))
            let text = capture.text
            #expect(text.contains("INSERT") || text.contains("Running query"), "SQL is still logged at trace")
            for secret in [code, access, refresh, TokenService.hashRefreshToken(refresh), "correct horse battery"] {
                #expect(!text.contains(secret))
            }
        }
        // Vapor's own trace line for a request head carries every header
        let head = LogEvent(level: .trace, message: "Decoded HTTP part: head: HTTPRequestHead { method: GET, headers: [(\"Authorization\", \"Bearer abc.def.ghi\"), (\"Cookie\", \"access_token=eyJa.b.c\")] }",
                            metadata: nil, source: "Vapor", file: #fileID, function: #function, line: #line)
        let redacted = RedactingLogHandler.redacted(head).message.description
        #expect(!redacted.contains("abc.def.ghi") && !redacted.contains("eyJa"))
    }

    @Test("a known path with the wrong method answers 405 with Allow", arguments: TestEngine.available)
    func methodNotAllowed(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let response = try await campus.request(.DELETE, "/api/v1/auth/login")
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers.first(name: "Allow") == "POST")
            #expect(response.headers.contentType?.subType == "problem+json")
            let quiz = try await campus.request(.PATCH, "/api/v1/quizzes/anything/questions")
            #expect(quiz.status == .methodNotAllowed)
            #expect(try await campus.request(.GET, "/api/v1/no/such/route").status == .notFound)
        }
    }
}

extension SecurityOperationsTests {
    /// A new student's attempt at the quiz fixture: their token and the attempt's path.
    static func startedAttempt(_ campus: TestCampus) async throws -> (token: String, path: String) {
        try await QuizFixtures.load(into: campus)
        let token = try #require(try await campus.register()[string: "access_token"])
        let attemptID = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: token)
            .jsonObject[string: "attempt_id"])
        return (token, "/api/v1/quizzes/quiz:fixture/attempts/\(attemptID)")
    }
}

/// The smallest prepared statement, for checking how `runPrepared` behaves around it.
struct SelectOne: PostgresPreparedStatement {
    static let sql = "SELECT 1::int4"
    typealias Row = Int32

    func makeBindings() throws -> PostgresBindings { PostgresBindings() }
    func decodeRow(_ row: PostgresRow) throws -> Int32 { try row.decode(Int32.self) }
}

/// A statement slower than the deadline its test gives it.
struct SleepOneSecond: PostgresPreparedStatement {
    static let sql = "SELECT 1::int4 FROM pg_sleep(1)"
    typealias Row = Int32

    func makeBindings() throws -> PostgresBindings { PostgresBindings() }
    func decodeRow(_ row: PostgresRow) throws -> Int32 { try row.decode(Int32.self) }
}

/// Points the relational handles at a PostgreSQL port nobody listens on, as if the server had gone.
enum DatabaseOutageSimulation {
    static func begin(_ app: Application) throws -> () -> Void {
        let pinnedLoop = app.storage[Application.SingleConnectionLoopKey.self]
        let pinned = app.storage[Application.PinnedDatabaseKey.self]
        let perLoop = app.storage[Application.PerLoopDatabasesKey.self]
        let gone = try SQLPostgresConfiguration(url: "postgres://campus@127.0.0.1:1/campus?sslmode=disable")
        app.databases.use(.postgres(configuration: gone, connectionPoolTimeout: .seconds(2)), as: .init(string: "gone"))
        var handles: [ObjectIdentifier: any Database] = [:]
        for loop in app.eventLoopGroup.makeIterator() {
            handles[ObjectIdentifier(loop)] = app.databases.database(.init(string: "gone"), logger: app.logger, on: loop)
        }
        app.storage[Application.SingleConnectionLoopKey.self] = nil
        app.storage[Application.PinnedDatabaseKey.self] = nil
        app.storage[Application.PerLoopDatabasesKey.self] = handles
        return {
            app.storage[Application.SingleConnectionLoopKey.self] = pinnedLoop
            app.storage[Application.PinnedDatabaseKey.self] = pinned
            app.storage[Application.PerLoopDatabasesKey.self] = perLoop
        }
    }
}

/// Every log line, as text, for checking what a log would show.
final class LogCapture: LogHandler, Sendable {
    private let lines = Mutex<[String]>([])

    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    func log(event: LogEvent) {
        let line = "\(event.message) \(event.metadata.map { "\($0)" } ?? "")"
        lines.withLock { $0.append(line) }
    }

    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }

    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }
}
