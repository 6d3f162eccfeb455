import FluentKit
import Foundation
import Synchronization

/// Recently read users, so a signed-in request usually needs no database round trip to check its token.
/// Every change to a user row made through Fluent on this instance evicts the entry at once (see
/// `UserCacheInvalidation`); another instance's change is seen within `lifetime`, which bounds how long
/// an old access token can outlive a password change or a deleted account elsewhere.
final class UserSnapshotCache: Sendable {
    static let lifetime: TimeInterval = 2
    static let capacity = 50_000

    private struct Entry {
        var snapshot: UserSnapshot
        var loadedAt: Date
    }

    private let entries = Mutex<[UUID: Entry]>([:])

    func snapshot(_ id: UUID, now: Date) -> UserSnapshot? {
        entries.withLock { entries in
            guard let entry = entries[id] else { return nil }
            let age = now.timeIntervalSince(entry.loadedAt)
            guard age >= 0 && age < Self.lifetime else {
                entries[id] = nil
                return nil
            }
            return entry.snapshot
        }
    }

    func store(_ snapshot: UserSnapshot, now: Date) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[snapshot.id] = Entry(snapshot: snapshot, loadedAt: now)
        }
    }

    func evict(_ id: UUID?) {
        guard let id else { return }
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }
}

/// Evicts a user from the cache whenever Fluent writes the row.
struct UserCacheInvalidation: AsyncModelMiddleware {
    let cache: UserSnapshotCache

    func create(model: User, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        cache.evict(model.id)
    }

    func update(model: User, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        cache.evict(model.id)
        try await next.update(model, on: db)
        cache.evict(model.id)
    }

    func delete(model: User, force: Bool, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        cache.evict(model.id)
        try await next.delete(model, force: force, on: db)
        cache.evict(model.id)
    }

    func softDelete(model: User, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        cache.evict(model.id)
        try await next.softDelete(model, on: db)
        cache.evict(model.id)
    }

    func restore(model: User, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.restore(model, on: db)
        cache.evict(model.id)
    }
}
