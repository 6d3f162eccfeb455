import Foundation
import Synchronization

/// A per-instance map whose entries are trusted for `lifetime` after they were read from the store, or
/// until the moment given when storing them. Writes made on this instance evict their entries at once
/// (model middleware); writes made by another instance are seen once the entry ages out. When full it
/// starts over rather than tracking use.
final class TimedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    let lifetime: TimeInterval
    let capacity: Int

    private struct Entry {
        var value: Value
        var loadedAt: Date
        var expiresAt: Date
    }

    private let entries = Mutex<[Key: Entry]>([:])

    init(lifetime: TimeInterval, capacity: Int) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func value(_ key: Key, now: Date) -> Value? {
        entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard now >= entry.loadedAt && now < entry.expiresAt else {
                entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    func store(_ value: Value, for key: Key, now: Date, until expiry: Date? = nil) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(value: value, loadedAt: now, expiresAt: expiry ?? now.addingTimeInterval(lifetime))
        }
    }

    func evict(_ key: Key?) {
        guard let key else { return }
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }
}
