import CampusPlatform
import FluentKit
import Foundation
import SQLKit

/// Whether a session (a refresh-token family, the `sid` of an access token) is still live. Logout and
/// the revocation that follows refresh-token reuse end a session; its access tokens are then refused at
/// once on the instance that revoked it and within `lifetime` on every other instance, the same bound
/// the user cache gives password changes.
package final class SessionCache: Sendable {
    package static let lifetime: TimeInterval = 2
    private let entries = TimedCache<UUID, Bool>(lifetime: lifetime, capacity: 50_000)

    package func isLive(_ sessionID: UUID, on database: any Database, now: Date) async throws -> Bool {
        if let known = entries.value(sessionID, now: now) { return known }
        let live = try await database.sql.raw("""
            SELECT 1 AS live FROM auth_refresh_tokens
            WHERE family_id = \(bind: sessionID) AND revoked_at IS NULL AND deleted_at IS NULL
            LIMIT 1
            """).first() != nil
        entries.store(live, for: sessionID, now: now)
        return live
    }

    /// Called by whoever revoked the session on this instance.
    package func ended(_ sessionID: UUID, now: Date) {
        entries.store(false, for: sessionID, now: now, until: .distantFuture)
    }
}
