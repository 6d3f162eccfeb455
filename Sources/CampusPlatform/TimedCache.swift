import Foundation
import Synchronization

/// A per-instance map whose entries are trusted for `lifetime` after they were read from the store, or
/// until the moment given when storing them. Writes made on this instance evict their entries at once
/// (model middleware); writes made by another instance are seen once the entry ages out. When full it
/// starts over rather than tracking use.
///
/// `removeAll()` starts a new generation: a value read from the store before it (a load racing a write)
/// is not kept when it is stored after it, if the loader passes the generation it started in.
package final class TimedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    package let lifetime: TimeInterval
    package let capacity: Int

    private struct Entry {
        var value: Value
        var loadedAt: Date
        var expiresAt: Date
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var generation = 0
    }

    private let state = Mutex(State())

    package init(lifetime: TimeInterval, capacity: Int) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    package func value(_ key: Key, now: Date) -> Value? {
        state.withLock { state in
            guard let entry = state.entries[key] else { return nil }
            guard now >= entry.loadedAt && now < entry.expiresAt else {
                state.entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    /// The live values of `keys` that are cached, and the generation they belong to.
    package func values(_ keys: [Key], now: Date) -> (found: [Key: Value], generation: Int) {
        state.withLock { state in
            var found: [Key: Value] = [:]
            for key in keys {
                if let entry = state.entries[key], now >= entry.loadedAt && now < entry.expiresAt { found[key] = entry.value }
            }
            return (found, state.generation)
        }
    }

    /// The live value of `key` if cached, and the generation to store a loaded value under: one lock.
    package func lookup(_ key: Key, now: Date) -> (value: Value?, generation: Int) {
        state.withLock { state in
            guard let entry = state.entries[key] else { return (nil, state.generation) }
            guard now >= entry.loadedAt && now < entry.expiresAt else {
                state.entries[key] = nil
                return (nil, state.generation)
            }
            return (entry.value, state.generation)
        }
    }

    /// The current generation, to pass to `store` after loading what is not cached.
    package var generation: Int { state.withLock { $0.generation } }

    package func store(_ value: Value, for key: Key, now: Date, until expiry: Date? = nil, ifGeneration generation: Int? = nil) {
        store([key: value], now: now, until: expiry, ifGeneration: generation)
    }

    package func store(_ values: [Key: Value], now: Date, until expiry: Date? = nil, ifGeneration generation: Int? = nil) {
        state.withLock { state in
            if let generation, generation != state.generation { return }
            if state.entries.count + values.count > capacity { state.entries.removeAll(keepingCapacity: true) }
            for (key, value) in values {
                state.entries[key] = Entry(value: value, loadedAt: now, expiresAt: expiry ?? now.addingTimeInterval(lifetime))
            }
        }
    }

    package func evict(_ key: Key?) {
        guard let key else { return }
        _ = state.withLock { $0.entries.removeValue(forKey: key) }
    }

    package func removeAll() {
        state.withLock { state in
            state.entries.removeAll(keepingCapacity: true)
            state.generation += 1
        }
    }
}
