import CampusPlatform
import Foundation

/// Access tokens whose signature was checked, with their claims. The whole token text is the key, so
/// only the exact bytes that passed verification are found here; an entry lasts until the token expires,
/// and the caller still compares `ver` with the user's current token version.
package final class VerifiedTokens: Sendable {
    package static let capacity = 50_000

    /// The lifetime is unused: every entry is stored with its token's expiry.
    private let entries = TimedCache<String, AccessClaims>(lifetime: 0, capacity: capacity)

    package func claims(for token: String, now: Date) -> AccessClaims? {
        entries.value(token, now: now)
    }

    package func remember(_ token: String, claims: AccessClaims, now: Date) {
        entries.store(claims, for: token, now: now, until: claims.exp.value)
    }
}
