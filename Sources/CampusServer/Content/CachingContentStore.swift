import CampusCore
import Foundation
import Synchronization

/// Keeps recently read authored content (questions, quizzes, courses, lessons) and what was parsed from
/// it in memory for a moment. Content changes rarely and every page of a course or quiz reads the same
/// documents, which before this were fetched and parsed again on each request. Writes through this
/// instance drop everything at once; another instance's writes are seen within `lifetime`.
/// Attempt details and lists are never cached: they belong to one user or change with every write.
final class CachingContentStore: ContentStore {
    static let lifetime: TimeInterval = 2
    static let capacity = 20_000
    static let cachedCollections: Set<String> = [
        ContentCollection.questions, ContentCollection.quizzes, ContentCollection.courses, ContentCollection.lessons,
    ]

    let base: any ContentStore
    private let clock: CampusClock

    private struct Document {
        var body: JSONObject
        var loadedAt: Date
    }

    private struct Memo {
        var value: any Sendable
        var generation: Int
        var loadedAt: Date
    }

    private struct State {
        var documents: [String: Document] = [:]
        var memos: [String: Memo] = [:]
        /// Bumped by every write, so a parse that started before a write is not kept after it.
        var generation = 0
    }

    private let state = Mutex(State())

    init(base: any ContentStore, clock: CampusClock) {
        self.base = base
        self.clock = clock
    }

    var engineName: String { base.engineName }

    private static func key(_ collection: String, _ id: String) -> String { collection + "\u{0}" + id }

    private func fresh(_ loadedAt: Date, _ now: Date) -> Bool {
        let age = now.timeIntervalSince(loadedAt)
        return age >= 0 && age < Self.lifetime
    }

    func get(_ collection: String, id: String) async throws -> JSONObject? {
        guard Self.cachedCollections.contains(collection) else { return try await base.get(collection, id: id) }
        let now = clock.now()
        let key = Self.key(collection, id)
        if let hit = state.withLock({ $0.documents[key] }), fresh(hit.loadedAt, now) { return hit.body }
        let generation = state.withLock { $0.generation }
        let document = try await base.get(collection, id: id)
        if let document { remember([key: document], at: now, generation: generation) }
        return document
    }

    func getMany(_ collection: String, ids: [String]) async throws -> [String: JSONObject] {
        guard Self.cachedCollections.contains(collection) else { return try await base.getMany(collection, ids: ids) }
        let now = clock.now()
        var found: [String: JSONObject] = [:]
        var missing: [String] = []
        state.withLock { state in
            for id in ids {
                if let hit = state.documents[Self.key(collection, id)], fresh(hit.loadedAt, now) {
                    found[id] = hit.body
                } else {
                    missing.append(id)
                }
            }
        }
        guard !missing.isEmpty else { return found }
        let generation = state.withLock { $0.generation }
        let loaded = try await base.getMany(collection, ids: missing)
        remember(Dictionary(uniqueKeysWithValues: loaded.map { (Self.key(collection, $0.key), $0.value) }), at: now, generation: generation)
        return found.merging(loaded) { first, _ in first }
    }

    private func remember(_ documents: [String: JSONObject], at now: Date, generation: Int) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.documents.count + documents.count > Self.capacity { state.documents.removeAll(keepingCapacity: true) }
            for (key, body) in documents { state.documents[key] = Document(body: body, loadedAt: now) }
        }
    }

    /// A value derived from cached content (a parsed quiz), built at most once per `lifetime` and write.
    func memo<Value: Sendable>(_ key: String, _ build: () async throws -> Value) async throws -> Value {
        let now = clock.now()
        let (hit, generation) = state.withLock { state -> ((any Sendable)?, Int) in
            if let memo = state.memos[key], memo.generation == state.generation, fresh(memo.loadedAt, now) {
                return (memo.value, state.generation)
            }
            return (nil, state.generation)
        }
        if let value = hit as? Value { return value }
        let value = try await build()
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.memos.count >= Self.capacity { state.memos.removeAll(keepingCapacity: true) }
            state.memos[key] = Memo(value: value, generation: generation, loadedAt: now)
        }
        return value
    }

    private func forgetAll() {
        state.withLock { state in
            state.documents.removeAll(keepingCapacity: true)
            state.memos.removeAll(keepingCapacity: true)
            state.generation += 1
        }
    }

    func upsert(_ collection: String, id: String, document: JSONObject) async throws {
        if Self.cachedCollections.contains(collection) { forgetAll() }
        defer { if Self.cachedCollections.contains(collection) { forgetAll() } }
        try await base.upsert(collection, id: id, document: document)
    }

    @discardableResult
    func delete(_ collection: String, id: String) async throws -> Bool {
        if Self.cachedCollections.contains(collection) { forgetAll() }
        defer { if Self.cachedCollections.contains(collection) { forgetAll() } }
        return try await base.delete(collection, id: id)
    }

    func write(_ batch: [ContentWrite]) async throws {
        forgetAll()
        defer { forgetAll() }
        try await base.write(batch)
    }

    func query(_ collection: String, filter: JSONObject, after: String?, limit: Int) async throws -> [ContentDocument] {
        try await base.query(collection, filter: filter, after: after, limit: limit)
    }

    func ping() async throws {
        try await base.ping()
    }
}
