import CampusCore
import Foundation
import Synchronization
import Testing
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

/// The one contract every `ContentStore` implementation passes, and every wrapper: each engine runs the
/// suite bare and behind the `CachingContentStore` and `MeteredContentStore` that production puts in front of it (on a test clock
/// that does not move, so nothing expires by itself). Add an engine to `ContentEngine` and every test
/// here runs against it.
enum ContentEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case jsonOnSQLite
    case jsonOnPostgres
    case mongo
    case cachedJSONOnSQLite
    case cachedJSONOnPostgres
    case cachedMongo

    static var available: [ContentEngine] {
        TestEngine.available.flatMap { engine -> [ContentEngine] in
            switch engine {
            case .sqlite: [.jsonOnSQLite, .cachedJSONOnSQLite]
            case .postgres: [.jsonOnPostgres, .cachedJSONOnPostgres]
            case .mongo: [.mongo, .cachedMongo]
            }
        }
    }

    var testDescription: String { rawValue }

    var isCached: Bool { [.cachedJSONOnSQLite, .cachedJSONOnPostgres, .cachedMongo].contains(self) }

    /// The engine under the cache.
    var bare: ContentEngine {
        switch self {
        case .cachedJSONOnSQLite: .jsonOnSQLite
        case .cachedJSONOnPostgres: .jsonOnPostgres
        case .cachedMongo: .mongo
        default: self
        }
    }

    /// A fresh, empty store; `fault` makes the batch write at that index fail.
    func withStore(fault: Int? = nil, clock: TestClock = TestClock(), _ body: (any ContentStore) async throws -> Void) async throws {
        if isCached {
            try await bare.withStore(fault: fault) { base in
                try await body(CachingContentStore(base: MeteredContentStore(base: base, metrics: CampusMetrics()), clock: clock.campusClock))
            }
            return
        }
        #if MongoDB
        if self == .mongo {
            let store = try await MongoContentStore.connect(uri: try #require(TestEngine.freshMongoURI()))
            if let fault {
                store.faultInjection = { index in
                    if index == fault { throw InjectedFault() }
                }
            }
            do {
                try await body(store)
            } catch {
                try? await store.dropDatabase()
                await store.shutdown()
                throw error
            }
            try? await store.dropDatabase()
            await store.shutdown()
            return
        }
        #endif
        let relational: TestEngine = self == .jsonOnSQLite ? .sqlite : .postgres
        try await withCampus(relational) { campus in
            var store = RelationalContentStore(database: { [app = campus.app] in app.campusDB })
            if let fault {
                store.faultInjection = { index in
                    if index == fault { throw InjectedFault() }
                }
            }
            try await body(store)
        }
    }
}

struct InjectedFault: Error {}

@Suite("Content store contract")
struct ContentStoreContractTests {
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

    @Test("get returns what upsert stored, and nil for a missing id", arguments: ContentEngine.available)
    func roundTrip(engine: ContentEngine) async throws {
        try await engine.withStore { store in
            #expect(try await store.get("course_content", id: "course:none") == nil)
            try await store.upsert("course_content", id: "course:rest", document: sample)
            #expect(try await store.get("course_content", id: "course:rest") == sample)
            // collections are separate namespaces
            #expect(try await store.get("lesson_content", id: "course:rest") == nil)
        }
    }

    @Test("a document written as JSON text reads back as the document, and text that is not one object changes nothing",
          arguments: ContentEngine.available)
    func upsertText(engine: ContentEngine) async throws {
        try await engine.withStore { store in
            // One collection the cache keeps and one it passes through.
            for collection in ["questions", "attempt_details"] {
                try await store.upsert(collection, id: "doc", document: ["old": true])
                _ = try await store.get(collection, id: "doc")
                try await store.upsert(collection, id: "doc", json: try JSONValue.object(sample).jsonBytes())
                #expect(try await store.get(collection, id: "doc") == sample)
                #expect(try await store.get(collection, id: "doc", members: ["whole", "quote"]) == ["whole": .double(1.0), "quote": sample["quote"]!])
                for refused in [#"[{"a":1}]"#, #""text""#, #"{"a":"#, #"{"a":1} trailing"#, ""] {
                    await #expect(throws: (any Error).self, "\(refused)") {
                        try await store.upsert(collection, id: "doc", json: Array(refused.utf8))
                    }
                }
                #expect(try await store.get(collection, id: "doc") == sample)
                await #expect(throws: ContentStoreError.invalidName("bad name")) {
                    try await store.upsert("bad name", id: "doc", json: Array("{}".utf8))
                }
            }
        }
    }

    @Test("get with members returns just those members, as stored, and nil for a missing id", arguments: ContentEngine.available)
    func members(engine: ContentEngine) async throws {
        try await engine.withStore { store in
            // One collection the cache keeps and one it passes through.
            for collection in ["questions", "attempt_details"] {
                #expect(try await store.get(collection, id: "none", members: ["title"]) == nil)
                try await store.upsert(collection, id: "doc", document: sample)
                let picked = try await store.get(collection, id: "doc", members: ["modules", "title", "note", "whole", "_id", "absent"])
                #expect(picked == ["modules": sample["modules"]!, "title": sample["title"]!, "note": nil, "whole": .double(1.0),
                                   "_id": "course:rest"])
                #expect(try await store.get(collection, id: "doc", members: ["quote"]) == ["quote": sample["quote"]!])
                #expect(try await store.get(collection, id: "doc", members: []) == [:])
                await #expect(throws: ContentStoreError.self) { try await store.get(collection, id: "doc", members: ["a') OR 1=1 --"]) }
            }
        }
    }

    @Test("upsert replaces the whole document", arguments: ContentEngine.available)
    func replace(engine: ContentEngine) async throws {
        try await engine.withStore { store in
            try await store.upsert("questions", id: "q1", document: sample)
            try await store.upsert("questions", id: "q1", document: ["title": "new"])
            #expect(try await store.get("questions", id: "q1") == ["title": "new"])
        }
    }

    @Test("delete says whether the document was there", arguments: ContentEngine.available)
    func delete(engine: ContentEngine) async throws {
        try await engine.withStore { store in
            try await store.upsert("questions", id: "q1", document: sample)
            #expect(try await store.delete("questions", id: "q1"))
            #expect(try await store.delete("questions", id: "q1") == false)
            #expect(try await store.get("questions", id: "q1") == nil)
        }
    }

    @Test("getMany returns the ids that exist", arguments: ContentEngine.available)
    func getMany(engine: ContentEngine) async throws {
        try await engine.withStore { store in
            for index in 0..<700 {
                try await store.upsert("questions", id: "q\(index)", document: ["n": .int(Int64(index))])
            }
            let found = try await store.getMany("questions", ids: (0..<700).map { "q\($0)" } + ["missing"])
            #expect(found.count == 700)
            #expect(found["q699"] == ["n": 699])
        }
    }

    @Test("query filters on top-level fields by value and type", arguments: ContentEngine.available)
    func query(engine: ContentEngine) async throws {
        try await engine.withStore { store in
            try await store.write([
                .upsert(collection: "questions", id: "a", document: ["category": "api", "level": 1, "active": true]),
                .upsert(collection: "questions", id: "b", document: ["category": "api", "level": 2, "active": false]),
                .upsert(collection: "questions", id: "c", document: ["category": "database", "level": 1, "active": true]),
                .upsert(collection: "questions", id: "d", document: ["category": "api", "level": "1", "active": true]),
                .upsert(collection: "questions", id: "e", document: ["category": ["api"], "level": 1]),
            ])
            let api = try await store.query("questions", filter: ["category": "api"], after: nil, limit: 10)
            #expect(api.map(\.id) == ["a", "b", "d"])
            let levelOne = try await store.query("questions", filter: ["level": 1], after: nil, limit: 10)
            #expect(levelOne.map(\.id) == ["a", "c", "e"])
            let both = try await store.query("questions", filter: ["category": "api", "active": true, "level": 1], after: nil, limit: 10)
            #expect(both.map(\.id) == ["a"])
            #expect(try await store.query("questions", filter: ["category": "none"], after: nil, limit: 10).isEmpty)
        }
    }

    @Test("pages come in ascending id order and resume after the cursor", arguments: ContentEngine.available)
    func pagination(engine: ContentEngine) async throws {
        try await engine.withStore { store in
            let ids = (0..<25).map { String(format: "lesson:%02d", $0) }.shuffled() + ["lesson:Z", "lesson:a", "lesson:é"]
            try await store.write(ids.map { .upsert(collection: "lesson_content", id: $0, document: ["course_id": "course:x"]) })
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await store.query("lesson_content", filter: ["course_id": "course:x"], after: cursor, limit: 10)
                seen += page.map(\.id)
                cursor = page.count == 10 ? page.last?.id : nil
            } while cursor != nil
            // bytewise order on every engine
            #expect(seen == ids.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        }
    }

    @Test("a batch that fails part-way changes nothing", arguments: ContentEngine.available)
    func batchRollback(engine: ContentEngine) async throws {
        try await engine.withStore(fault: 2) { store in
            try await store.upsert("questions", id: "keep", document: ["v": 1])
            await #expect(throws: InjectedFault.self) {
                try await store.write([
                    .upsert(collection: "questions", id: "keep", document: ["v": 2]),
                    .upsert(collection: "questions", id: "new", document: ["v": 1]),
                    .delete(collection: "questions", id: "keep"),
                ])
            }
            #expect(try await store.get("questions", id: "keep") == ["v": 1])
            #expect(try await store.get("questions", id: "new") == nil)
        }
    }

    @Test("a batch applies every write in order", arguments: ContentEngine.available)
    func batchApplies(engine: ContentEngine) async throws {
        try await engine.withStore { store in
            try await store.write([
                .upsert(collection: "questions", id: "x", document: ["v": 1]),
                .upsert(collection: "questions", id: "x", document: ["v": 2]),
                .upsert(collection: "questions", id: "y", document: ["v": 1]),
                .delete(collection: "questions", id: "y"),
            ])
            #expect(try await store.get("questions", id: "x") == ["v": 2])
            #expect(try await store.get("questions", id: "y") == nil)
        }
    }

    @Test("a batch of hundreds of writes, keys repeated far apart, applies whole or not at all", arguments: ContentEngine.available)
    func largeBatch(engine: ContentEngine) async throws {
        let writes: [ContentWrite] = (0..<600).map { .upsert(collection: "questions", id: "q\($0 % 400)", document: ["v": .int(Int64($0))]) }
            + [.delete(collection: "questions", id: "q7"), .upsert(collection: "questions", id: "q8", document: ["v": "last"])]
        try await engine.withStore(fault: 450) { store in
            await #expect(throws: InjectedFault.self) { try await store.write(writes) }
            let left = try await store.getMany("questions", ids: ["q0", "q399"])
            #expect(left.isEmpty)
        }
        try await engine.withStore { store in
            try await store.write(writes)
            #expect(try await store.get("questions", id: "q0") == ["v": 400])
            #expect(try await store.get("questions", id: "q399") == ["v": 399])
            #expect(try await store.get("questions", id: "q7") == nil)
            #expect(try await store.get("questions", id: "q8") == ["v": "last"])
        }
    }

    @Test("writes handed out batch by batch apply whole, or not at all when a write or the source fails", arguments: ContentEngine.available)
    func streamedBatches(engine: ContentEngine) async throws {
        // Five batches of 120; keys repeat across batches, so later batches overwrite earlier ones.
        let batches: [[ContentWrite]] = (0..<5).map { batch in
            (0..<120).map { .upsert(collection: "questions", id: "q\((batch * 120 + $0) % 400)", document: ["v": .int(Int64(batch * 120 + $0))]) }
        }
        let source = { @Sendable (failingAt: Int?) -> @Sendable () throws -> [ContentWrite]? in
            let handedOut = Mutex(0)
            return {
                try handedOut.withLock { count -> [ContentWrite]? in
                    defer { count += 1 }
                    if count == failingAt { throw InjectedFault() }
                    return count < batches.count ? batches[count] : nil
                }
            }
        }
        try await engine.withStore(fault: 450) { store in
            try await store.upsert("questions", id: "q1", document: ["v": "before"])
            await #expect(throws: InjectedFault.self) { try await store.write(batches: source(nil)) }
            #expect(try await store.get("questions", id: "q1") == ["v": "before"])
            #expect(try await store.get("questions", id: "q2") == nil)
        }
        try await engine.withStore { store in
            try await store.upsert("questions", id: "q1", document: ["v": "before"])
            await #expect(throws: InjectedFault.self) { try await store.write(batches: source(3)) }
            #expect(try await store.get("questions", id: "q1") == ["v": "before"])
            #expect(try await store.get("questions", id: "q2") == nil)

            try await store.write(batches: source(nil))
            #expect(try await store.get("questions", id: "q1") == ["v": 401])
            #expect(try await store.get("questions", id: "q399") == ["v": 399])
            #expect(try await store.query("questions", filter: [:], after: nil, limit: 1_000).count == 400)
        }
    }

    @Test("large and unicode documents survive unchanged", arguments: ContentEngine.available)
    func largeDocuments(engine: ContentEngine) async throws {
        try await engine.withStore { store in
            let paragraph = String(repeating: "Съешь же ещё этих мягких французских булок 🥐 ", count: 8_000)
            let document: JSONObject = ["content_mdx": .string(paragraph), "blocks": .array((0..<500).map { ["type": "callout", "n": .int(Int64($0))] })]
            try await store.upsert("lesson_content", id: "lesson:большой", document: document)
            #expect(try await store.get("lesson_content", id: "lesson:большой") == document)
        }
    }

    @Test("field names with $ and dots (a JSON Schema's $ref and $defs) survive unchanged", arguments: ContentEngine.available)
    func dollarAndDotNames(engine: ContentEngine) async throws {
        try await engine.withStore { store in
            let schema: JSONValue = ["$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": ["item": ["type": "string"]],
                                     "properties": ["a.b": ["$ref": "#/$defs/item"]], "items": [["$id": "x"]]]
            let document: JSONObject = ["kind": "json", "json": ["schema": schema], "$top": 1, "dotted.top": "yes"]
            try await store.upsert("practice_content", id: "practice:dollars", document: document)
            #expect(try await store.get("practice_content", id: "practice:dollars") == document)
            try await store.write([.upsert(collection: "practice_content", id: "practice:dollars-2", document: document)])
            #expect(try await store.getMany("practice_content", ids: ["practice:dollars-2"])["practice:dollars-2"] == document)
            #expect(try await store.query("practice_content", filter: ["kind": "json"], after: nil, limit: 10).map(\.body) == [document, document])
        }
    }

    @Test("concurrent writers to one id leave one whole document", .serialized, arguments: ContentEngine.available)
    func concurrentWriters(engine: ContentEngine) async throws {
        try await engine.withStore { store in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<16 {
                    group.addTask {
                        try await store.upsert("quiz_content", id: "quiz:race", document: ["writer": .int(Int64(writer)), "payload": .string(String(repeating: "x", count: writer * 100))])
                    }
                }
                try await group.waitForAll()
            }
            let final = try #require(try await store.get("quiz_content", id: "quiz:race"))
            let writer = try #require(final["writer"]?.intValue)
            #expect(final["payload"]?.stringValue?.count == writer * 100)
        }
    }

    @Test("refuses collection and field names that are not plain words", arguments: ContentEngine.available)
    func names(engine: ContentEngine) async throws {
        try await engine.withStore { store in
            await #expect(throws: ContentStoreError.self) { try await store.get("bad name; --", id: "x") }
            await #expect(throws: ContentStoreError.self) {
                try await store.query("questions", filter: ["a') OR 1=1 --": "x"], after: nil, limit: 1)
            }
        }
    }
}
