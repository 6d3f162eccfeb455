import CampusCore
import Foundation
import Synchronization

/// Keeps recently read authored content (questions, quizzes, courses, lessons) and what was parsed from
/// it in memory for a moment. Content changes rarely and every page of a course or quiz reads the same
/// documents, which before this were fetched and parsed again on each request. Writes through this
/// instance drop everything at once; another instance's writes are seen within `lifetime`.
/// Attempt details and lists are never cached: they belong to one user or change with every write.
package final class CachingContentStore: ContentStore, DerivedContentCache {
    package static let lifetime: TimeInterval = 2
    package static let capacity = 20_000
    package static let cachedCollections: Set<String> = [
        ContentCollection.questions, ContentCollection.quizzes, ContentCollection.courses, ContentCollection.lessons,
        ContentCollection.practices,
    ]

    package let base: any ContentStore
    private let clock: CampusClock
    private let documents = TimedCache<String, JSONObject>(lifetime: lifetime, capacity: capacity)
    /// Values derived from the documents; a write drops them with the documents.
    private let derived = TimedCache<String, any Sendable>(lifetime: lifetime, capacity: capacity)
    /// Derived values being built, with the callers waiting for them.
    private let flights = Mutex<[String: Flight]>([:])
    private struct Flight {
        var generation: Int
        var waiters: [CheckedContinuation<any Sendable, any Error>] = []
    }
    private struct FlightLanded: Error {}
    private enum FlightRole { case lead, follow, alone }

    package init(base: any ContentStore, clock: CampusClock) {
        self.base = base
        self.clock = clock
    }

    package var engineName: String { base.engineName }

    private static func key(_ collection: String, _ id: String) -> String { collection + "\u{0}" + id }

    package func get(_ collection: String, id: String) async throws -> JSONObject? {
        guard Self.cachedCollections.contains(collection) else { return try await base.get(collection, id: id) }
        let now = clock.now()
        let key = Self.key(collection, id)
        let (hit, generation) = documents.lookup(key, now: now)
        if let hit { return hit }
        let document = try await base.get(collection, id: id)
        if let document { documents.store(document, for: key, now: now, ifGeneration: generation) }
        return document
    }

    package func get(_ collection: String, id: String, members: [String]) async throws -> JSONObject? {
        guard Self.cachedCollections.contains(collection) else { return try await base.get(collection, id: id, members: members) }
        return try await wholeDocument(collection, id: id, members: members)
    }

    package func getMany(_ collection: String, ids: [String]) async throws -> [String: JSONObject] {
        guard Self.cachedCollections.contains(collection) else { return try await base.getMany(collection, ids: ids) }
        let now = clock.now()
        let (hits, generation) = documents.values(ids.map { Self.key(collection, $0) }, now: now)
        var found: [String: JSONObject] = [:]
        var missing: [String] = []
        for id in ids {
            if let hit = hits[Self.key(collection, id)] { found[id] = hit } else { missing.append(id) }
        }
        guard !missing.isEmpty else { return found }
        let loaded = try await base.getMany(collection, ids: missing)
        documents.store(Dictionary(uniqueKeysWithValues: loaded.map { (Self.key(collection, $0.key), $0.value) }),
                        now: now, ifGeneration: generation)
        return found.merging(loaded) { first, _ in first }
    }

    /// A value derived from cached content (a parsed quiz), built at most once per `lifetime` and write.
    /// Callers that miss while it is being built wait for that build instead of starting their own: when an
    /// entry ages out under load, every request in flight missed at once and parsed the same quiz (7 % of a
    /// public-test submit's profile).
    package func memo<Value: Sendable>(_ key: String, _ build: () async throws -> Value) async throws -> Value {
        let now = clock.now()
        let (hit, generation) = derived.lookup(key, now: now)
        // Unwrapped first: a missing entry cast to an optional `Value` would pass as a stored nil.
        if let hit, let value = hit as? Value { return value }
        // A build started before a write on this instance may read what the write replaced: only callers of the
        // same generation share it.
        let role = flights.withLock { flights -> FlightRole in
            guard let flight = flights[key] else {
                flights[key] = Flight(generation: generation)
                return .lead
            }
            return flight.generation == generation ? .follow : .alone
        }
        if role == .alone { return try await build() }
        guard role == .lead else {
            let landed: (any Sendable)?
            do {
                landed = try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<any Sendable, any Error>) in
                    let joined = flights.withLock { flights in
                        guard flights[key]?.generation == generation else { return false }
                        flights[key]?.waiters.append(waiter)
                        return true
                    }
                    if !joined { waiter.resume(throwing: FlightLanded()) }
                }
            } catch is FlightLanded {
                // The build ended between the two looks: look again.
                landed = nil
            }
            if let value = landed as? Value { return value }
            return try await memo(key, build)
        }
        do {
            let value = try await build()
            derived.store(value, for: key, now: now, ifGeneration: generation)
            for waiter in landWaiters(key, generation) { waiter.resume(returning: value) }
            return value
        } catch {
            for waiter in landWaiters(key, generation) { waiter.resume(throwing: error) }
            throw error
        }
    }

    package func peek<Value: Sendable>(_ key: String, as type: Value.Type) -> Value? {
        derived.lookup(key, now: clock.now()).value as? Value
    }

    /// Callers waiting for the build of `key` (tests).
    package func waiters(for key: String) -> Int {
        flights.withLock { $0[key]?.waiters.count ?? 0 }
    }

    private func landWaiters(_ key: String, _ generation: Int) -> [CheckedContinuation<any Sendable, any Error>] {
        flights.withLock { flights in
            guard flights[key]?.generation == generation else { return [] }
            return flights.removeValue(forKey: key)?.waiters ?? []
        }
    }

    private func forgetAll() {
        documents.removeAll()
        derived.removeAll()
    }

    package func upsert(_ collection: String, id: String, document: JSONObject) async throws {
        if Self.cachedCollections.contains(collection) { forgetAll() }
        defer { if Self.cachedCollections.contains(collection) { forgetAll() } }
        try await base.upsert(collection, id: id, document: document)
    }

    package func upsert(_ collection: String, id: String, json: [UInt8]) async throws {
        if Self.cachedCollections.contains(collection) { forgetAll() }
        defer { if Self.cachedCollections.contains(collection) { forgetAll() } }
        try await base.upsert(collection, id: id, json: json)
    }

    @discardableResult
    package func delete(_ collection: String, id: String) async throws -> Bool {
        if Self.cachedCollections.contains(collection) { forgetAll() }
        defer { if Self.cachedCollections.contains(collection) { forgetAll() } }
        return try await base.delete(collection, id: id)
    }

    package func write(_ batch: [ContentWrite]) async throws {
        forgetAll()
        defer { forgetAll() }
        try await base.write(batch)
    }

    package func write(batches next: @escaping @Sendable () throws -> [ContentWrite]?) async throws {
        forgetAll()
        defer { forgetAll() }
        try await base.write(batches: next)
    }

    package func query(_ collection: String, filter: JSONObject, after: String?, limit: Int) async throws -> [ContentDocument] {
        try await base.query(collection, filter: filter, after: after, limit: limit)
    }

    package func ping() async throws {
        try await base.ping()
    }
}
