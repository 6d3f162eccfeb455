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

    @Test("get returns what upsert stored, types and all, and nil for a missing id")
    func roundTrip() async throws {
        try await withStore { store in
            #expect(try await store.get("course_content", id: "course:none") == nil)
            try await store.upsert("course_content", id: "course:rest", document: sample)
            let stored = try #require(try await store.get("course_content", id: "course:rest"))
            #expect(stored == sample)
            #expect(stored["order"] == .int(3))
            #expect(stored["ratio"] == .double(0.25))
            #expect(stored["whole"] == .double(1.0))
            #expect(stored["big"] == .int(1 << 40))
            #expect(stored["note"] == .null)
            #expect(try await store.get("lesson_content", id: "course:rest") == nil)
        }
    }

    @Test("upsert replaces the whole document")
    func replace() async throws {
        try await withStore { store in
            try await store.upsert("questions", id: "q1", document: sample)
            try await store.upsert("questions", id: "q1", document: ["title": "new"])
            #expect(try await store.get("questions", id: "q1") == ["title": "new"])
        }
    }

    @Test("delete says whether the document was there")
    func delete() async throws {
        try await withStore { store in
            try await store.upsert("questions", id: "q1", document: sample)
            #expect(try await store.delete("questions", id: "q1"))
            #expect(try await store.delete("questions", id: "q1") == false)
            #expect(try await store.get("questions", id: "q1") == nil)
        }
    }

    @Test("getMany returns the ids that exist")
    func getMany() async throws {
        try await withStore { store in
            try await store.write((0..<700).map { .upsert(collection: "questions", id: "q\($0)", document: ["n": .int(Int64($0))]) })
            let found = try await store.getMany("questions", ids: (0..<700).map { "q\($0)" } + ["missing", "q1"])
            #expect(found.count == 700)
            #expect(found["q699"] == ["n": 699])
            #expect(try await store.getMany("questions", ids: []).isEmpty)
        }
    }

    @Test("query matches top-level fields by value and type, never an array's element")
    func query() async throws {
        try await withStore { store in
            try await store.write([
                .upsert(collection: "questions", id: "a", document: ["category": "api", "level": 1, "active": true, "score": 0.5]),
                .upsert(collection: "questions", id: "b", document: ["category": "api", "level": 2, "active": false, "note": nil]),
                .upsert(collection: "questions", id: "c", document: ["category": "database", "level": 1, "active": true, "score": 1]),
                .upsert(collection: "questions", id: "d", document: ["category": "api", "level": "1", "active": true, "tags": ["x", "y"]]),
                .upsert(collection: "questions", id: "e", document: ["category": ["api"], "level": 1, "active": [true], "note": [nil], "tags": [["x", "y"]]]),
                .upsert(collection: "questions", id: "f", document: ["level": .double(1.0), "active": 1]),
            ])
            func ids(_ filter: JSONObject) async throws -> [String] {
                try await store.query("questions", filter: filter, after: nil, limit: 10).map(\.id)
            }
            #expect(try await ids(["category": "api"]) == ["a", "b", "d"])
            #expect(try await ids(["level": 1]) == ["a", "c", "e"])
            #expect(try await ids(["level": "1"]) == ["d"])
            #expect(try await ids(["active": true]) == ["a", "c", "d"])
            #expect(try await ids(["category": "api", "active": true, "level": 1]) == ["a"])
            #expect(try await ids(["note": nil]) == ["b"])
            #expect(try await ids(["tags": ["x", "y"]]) == ["d"])
            #expect(try await ids(["score": 0.5]) == ["a"])
            #expect(try await ids(["category": "none"]).isEmpty)
            #expect(try await ids([:]) == ["a", "b", "c", "d", "e", "f"])
            #expect(try await store.query("questions", filter: [:], after: nil, limit: 0).isEmpty)
        }
    }

    @Test("pages come in ascending bytewise id order and resume after the cursor")
    func pagination() async throws {
        try await withStore { store in
            let ids = (0..<25).map { String(format: "lesson:%02d", $0) }.shuffled() + ["lesson:Z", "lesson:a", "lesson:é"]
            try await store.write(ids.map { .upsert(collection: "lesson_content", id: $0, document: ["course_id": "course:x"]) })
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await store.query("lesson_content", filter: ["course_id": "course:x"], after: cursor, limit: 10)
                seen += page.map(\.id)
                cursor = page.count == 10 ? page.last?.id : nil
            } while cursor != nil
            #expect(seen == ids.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
            #expect(Array(seen.suffix(3)) == ["lesson:Z", "lesson:a", "lesson:é"])
        }
    }

    @Test("a batch applies every write in order")
    func batchApplies() async throws {
        try await withStore { store in
            try await store.write([
                .upsert(collection: "questions", id: "x", document: ["v": 1]),
                .upsert(collection: "questions", id: "x", document: ["v": 2]),
                .upsert(collection: "questions", id: "y", document: ["v": 1]),
                .delete(collection: "questions", id: "y"),
                .upsert(collection: "quiz_content", id: "x", document: ["v": 3]),
            ])
            #expect(try await store.get("questions", id: "x") == ["v": 2])
            #expect(try await store.get("questions", id: "y") == nil)
            #expect(try await store.get("quiz_content", id: "x") == ["v": 3])
        }
    }

    @Test("a batch that fails part-way changes nothing")
    func batchRollback() async throws {
        try await withStore { store in
            try await store.upsert("questions", id: "keep", document: ["v": 1, "nested": ["ratio": 0.5]])
            store.faultInjection = { index in
                if index == 2 { throw InjectedFault() }
            }
            await #expect(throws: InjectedFault.self) {
                try await store.write([
                    .upsert(collection: "questions", id: "keep", document: ["v": 2]),
                    .upsert(collection: "questions", id: "new", document: ["v": 1]),
                    .delete(collection: "questions", id: "keep"),
                ])
            }
            store.faultInjection = nil
            #expect(try await store.get("questions", id: "keep") == ["v": 1, "nested": ["ratio": 0.5]])
            #expect(try await store.get("questions", id: "new") == nil)
        }
    }

    @Test("large and unicode documents survive unchanged")
    func largeDocuments() async throws {
        try await withStore { store in
            let paragraph = String(repeating: "Съешь же ещё этих мягких французских булок 🥐 ", count: 6_000)
            let document: JSONObject = ["content_mdx": .string(paragraph),
                                        "blocks": .array((0..<500).map { ["type": "callout", "n": .int(Int64($0))] })]
            #expect(paragraph.utf8.count > 500_000)
            try await store.upsert("lesson_content", id: "lesson:большой", document: document)
            #expect(try await store.get("lesson_content", id: "lesson:большой") == document)
        }
    }

    @Test("concurrent writers to one id leave one whole document")
    func concurrentWriters() async throws {
        try await withStore { store in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<16 {
                    group.addTask {
                        try await store.upsert("quiz_content", id: "quiz:race", document: [
                            "writer": .int(Int64(writer)), "payload": .string(String(repeating: "x", count: writer * 100)),
                        ])
                    }
                }
                try await group.waitForAll()
            }
            let final = try #require(try await store.get("quiz_content", id: "quiz:race"))
            let writer = try #require(final["writer"]?.intValue)
            #expect(final["payload"]?.stringValue?.count == writer * 100)
        }
    }

    @Test("refuses collection and field names that are not plain words")
    func names() async throws {
        try await withStore { store in
            await #expect(throws: ContentStoreError.invalidName("bad name; --")) { try await store.get("bad name; --", id: "x") }
            await #expect(throws: ContentStoreError.self) { try await store.upsert("system.users", id: "x", document: [:]) }
            await #expect(throws: ContentStoreError.self) { try await store.write([.delete(collection: "$cmd", id: "x")]) }
            await #expect(throws: ContentStoreError.self) {
                try await store.query("questions", filter: ["a.b": "x"], after: nil, limit: 1)
            }
            await #expect(throws: ContentStoreError.self) {
                try await store.query("questions", filter: ["$where": "1"], after: nil, limit: 1)
            }
        }
    }

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
        #expect(ContinuousClock.now - started < .seconds(3.5))
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
            #expect(ContinuousClock.now - started < .seconds(7))

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
