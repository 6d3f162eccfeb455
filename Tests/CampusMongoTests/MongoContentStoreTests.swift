#if MongoDB
import CampusCore
import Foundation
import Testing
@testable import CampusMongo

/// The MongoDB content store against a real server (`CAMPUS_TEST_MONGODB_URI`) or, by default, against
/// the wire-protocol stand-in in tools/mongo-standin (MockupDB + mongomock, Debian's /usr/bin/python3).
/// Every test works in a database of its own.
@Suite("MongoDB content store")
struct MongoContentStoreTests {
    let sample: JSONObject = [
        "_id": "course:rest",
        "title": "Проектирование REST API 🔌",
        "level": "Elementary",
        "order": 3,
        "ratio": 0.25,
        "whole": .double(1.0),
        "big": .int(1 << 40),
        "negative": -7,
        "published": true,
        "tags": ["api", "rest"],
        "modules": [["id": "m1", "lessons": ["lesson:a", "lesson:b"], "meta": ["weight": 0.5, "empty": [:]]]],
        "note": nil,
        "quote": "a \"quoted\" back\\slash\nnew line\u{1}",
    ]

    // The generic contract (round trips, queries, pagination, batches, large and concurrent writes) runs
    // on MongoDB in ContentStoreContractTests; what follows is what only MongoDB has.

    @Test("ping answers; indexes exist once however often the store connects")
    func pingAndIndexes() async throws {
        try await withStore { store, uri in
            try await store.ping()
            let again = try await MongoContentStore.connect(uri: uri)
            await again.shutdown()
            let reply = try await store.run { connection in try connection.command(#"{"listIndexes":"attempt_details"}"#) }
            let names = reply["cursor"]?["firstBatch"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(Set(names) == ["_id_", "user_id_1_quiz_id_1"])
        }
    }

    @Test("a duplicate key is reported as such")
    func duplicateKey() async throws {
        try await withStore { store in
            let insert: @Sendable (Connection) throws -> Void = { connection in
                try connection.insert("questions", document: try BSONDocument(json: #"{"_id":"dup"}"#))
            }
            try await store.run(insert)
            await #expect(throws: MongoContentStoreError.duplicateKey(collection: "questions")) { try await store.run(insert) }
        }
    }

    @Test("no server: connecting fails as unavailable within the selection timeout")
    func unreachable() async throws {
        let port = try await Standin.closedPort()
        let started = ContinuousClock.now
        await #expect(throws: ContentStoreError.unavailable) {
            _ = try await MongoContentStore.connect(uri: "mongodb://127.0.0.1:\(port)/campus_unreachable")
        }
        // Campus's 2-second selection timeout, not libmongoc's default 30 s; the margin is for a loaded CI machine
        // (3.5 s was once exceeded by half a millisecond during the full suite).
        #expect(ContinuousClock.now - started < .seconds(15))
    }

    @Test("a server that goes away gives unavailable, and the same store works again once it is back",
          .enabled(if: ProcessInfo.processInfo.environment["CAMPUS_TEST_MONGODB_URI"] == nil))
    func serverRestart() async throws {
        let first = try Standin.start()
        let port = first.port
        let store = try await MongoContentStore.connect(uri: "mongodb://127.0.0.1:\(port)/campus_restart")
        do {
            try await store.upsert("questions", id: "q1", document: ["v": 1])
            first.stop()

            let started = ContinuousClock.now
            await #expect(throws: ContentStoreError.unavailable) { try await store.get("questions", id: "q1") }
            await #expect(throws: ContentStoreError.unavailable) { try await store.ping() }
            // Two selection timeouts of 2 s, not libmongoc's default 30 s each; the margin is for a loaded CI machine.
            #expect(ContinuousClock.now - started < .seconds(15))

            let second = try Standin.start(port: port)
            defer { second.stop() }
            // The pool rescans on its own; give it a few tries rather than a fixed sleep.
            var recovered = false
            let deadline = ContinuousClock.now + .seconds(10)
            while !recovered && ContinuousClock.now < deadline {
                do {
                    try await store.upsert("questions", id: "q2", document: ["v": 2])
                    recovered = true
                } catch ContentStoreError.unavailable {
                    try await Task.sleep(for: .milliseconds(200))
                }
            }
            #expect(recovered)
            #expect(try await store.get("questions", id: "q2") == ["v": 2])
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
        await #expect(throws: ContentStoreError.unavailable) { try await store.ping() }
    }

    // MARK: - Support

    func withStore(_ body: (MongoContentStore) async throws -> Void) async throws {
        try await withStore { store, _ in try await body(store) }
    }

    func withStore(_ body: (MongoContentStore, String) async throws -> Void) async throws {
        let uri = try await TestServer.shared.uri(database: "campus_test_\(UUID().uuidString.prefix(8).lowercased())")
        let store = try await MongoContentStore.connect(uri: uri)
        do {
            try await body(store, uri)
        } catch {
            try? await store.dropDatabase()
            await store.shutdown()
            throw error
        }
        try? await store.dropDatabase()
        await store.shutdown()
    }
}

struct InjectedFault: Error {}

/// The server every test shares: `CAMPUS_TEST_MONGODB_URI`, or one stand-in started on first use. The
/// stand-in exits by itself when this process ends and its stdin closes.
actor TestServer {
    static let shared = TestServer()
    private var base: (prefix: String, query: String)?
    private var standin: Standin?

    func uri(database: String) throws -> String {
        if base == nil {
            if let configured = ProcessInfo.processInfo.environment["CAMPUS_TEST_MONGODB_URI"], !configured.isEmpty {
                base = Self.split(configured)
            } else {
                let started = try Standin.start()
                standin = started
                base = ("mongodb://127.0.0.1:\(started.port)", "")
            }
        }
        let (prefix, query) = base!
        return prefix + "/" + database + query
    }

    /// `mongodb://user:pw@host:port/db?opts` → (`mongodb://user:pw@host:port`, `?opts`).
    static func split(_ uri: String) -> (String, String) {
        let queryStart = uri.firstIndex(of: "?") ?? uri.endIndex
        let beforeQuery = uri[..<queryStart]
        let hostStart = beforeQuery.range(of: "://")?.upperBound ?? beforeQuery.startIndex
        let pathStart = beforeQuery[hostStart...].firstIndex(of: "/") ?? queryStart
        return (String(uri[..<pathStart]), String(uri[queryStart...]))
    }
}

/// One stand-in process (tools/mongo-standin/standin.py).
final class Standin: Sendable {
    let port: Int
    private let process: Process
    private let input: FileHandle

    private init(port: Int, process: Process, input: FileHandle) {
        self.port = port
        self.process = process
        self.input = input
    }

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("tools/mongo-standin/standin.py")

    /// Starts it and returns once it has printed `READY <port>`, i.e. once it listens.
    static func start(port: Int = 0) throws -> Standin {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script.path, "--port", String(port)]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("READY "), let bound = Int(text.dropFirst(6)) else {
            process.terminate()
            throw StandinFailed(output: text)
        }
        return Standin(port: bound, process: process, input: stdin.fileHandleForWriting)
    }

    /// Closes its stdin, which makes it exit, and waits until it has.
    func stop() {
        try? input.close()
        process.waitUntilExit()
    }

    /// A port nothing listens on: one a stand-in had until it stopped.
    static func closedPort() async throws -> Int {
        let standin = try start()
        standin.stop()
        return standin.port
    }

    struct StandinFailed: Error, CustomStringConvertible {
        var output: String
        var description: String { "the MongoDB stand-in did not start (needs Debian's python3-mockupdb and python3-mongomock): \(output)" }
    }
}
#endif
