import CampusPlatform
import FluentKit
import Foundation

/// Recently read users, so a signed-in request usually needs no database round trip to check its token.
/// Every change to a user row made through Fluent on this instance evicts the entry at once (see
/// `EvictOnWrite<User>`); another instance's change is seen within `lifetime`, which bounds how long
/// an old access token can outlive a password change or a deleted account elsewhere.
package final class UserSnapshotCache: Sendable {
    package init() {}

    package static let lifetime: TimeInterval = 2
    package static let capacity = 50_000

    private let entries = TimedCache<UUID, UserSnapshot>(lifetime: lifetime, capacity: capacity)

    package func snapshot(_ id: UUID, now: Date) -> UserSnapshot? {
        entries.value(id, now: now)
    }

    package func store(_ snapshot: UserSnapshot, now: Date) {
        entries.store(snapshot, for: snapshot.id, now: now)
    }

    package func evict(_ id: UUID?) {
        entries.evict(id)
    }
}
