import Foundation
import Synchronization

/// Access tokens whose signature was checked, with their claims. The whole token text is the key, so
/// only the exact bytes that passed verification are found here; expiry is still checked on every use,
/// and the caller still compares `ver` with the user's current token version.
final class VerifiedTokens: Sendable {
    static let capacity = 50_000

    private let entries = Mutex<[String: AccessClaims]>([:])

    func claims(for token: String, now: Date) -> AccessClaims? {
        entries.withLock { entries in
            guard let claims = entries[token] else { return nil }
            guard claims.exp.value > now else {
                entries[token] = nil
                return nil
            }
            return claims
        }
    }

    func remember(_ token: String, claims: AccessClaims) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = claims
        }
    }
}
