import CampusCore
import CampusPlatform
import Crypto
import Foundation
import JWTKit

/// The claims of a Campus access token.
package struct AccessClaims: JWTPayload {
    package var sub: SubjectClaim
    package var role: String
    /// The user's `token_version` at issue; a password change or reset bumps it and ends old tokens.
    package var ver: Int
    /// The refresh-token family (the session) this token belongs to.
    package var sid: String
    package var exp: ExpirationClaim
    package var iat: IssuedAtClaim

    package init(sub: SubjectClaim, role: String, ver: Int, sid: String, exp: ExpirationClaim, iat: IssuedAtClaim) {
        self.sub = sub
        self.role = role
        self.ver = ver
        self.sid = sid
        self.exp = exp
        self.iat = iat
    }

    package func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}

/// Signs and checks access tokens, makes refresh tokens and hashes secrets for storage.
package struct TokenService: Sendable {
    package let keys: JWTKeyCollection
    package let accessLifetime: TimeInterval
    package let refreshLifetime: TimeInterval
    package let clock: CampusClock
    /// Keys the hashes of one-time codes, so a database leak does not reveal six-digit codes by brute force.
    package let codeKey: SymmetricKey

    package init(keys: JWTKeyCollection, accessLifetime: TimeInterval, refreshLifetime: TimeInterval, clock: CampusClock, codeKey: SymmetricKey) {
        self.keys = keys
        self.accessLifetime = accessLifetime
        self.refreshLifetime = refreshLifetime
        self.clock = clock
        self.codeKey = codeKey
    }
    /// Tokens whose signature this instance already checked, so each is verified once, not per request.
    package let verified = VerifiedTokens()

    package static func make(secret: String, config: CampusConfiguration, clock: CampusClock) async -> TokenService {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        let codeKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data("campus-one-time-codes".utf8),
                                                                        using: SymmetricKey(data: Data(secret.utf8))))
        return TokenService(keys: keys, accessLifetime: config.accessTokenLifetime,
                            refreshLifetime: config.refreshTokenLifetime, clock: clock, codeKey: codeKey)
    }

    package func accessToken(for user: User, session: UUID) async throws -> String {
        let now = clock.now()
        let claims = AccessClaims(
            sub: .init(value: try user.requireID().uuidString.lowercased()),
            role: user.role,
            ver: user.tokenVersion,
            sid: session.uuidString.lowercased(),
            exp: .init(value: now.addingTimeInterval(accessLifetime)),
            iat: .init(value: now)
        )
        return try await keys.sign(claims)
    }

    package func verifyAccessToken(_ token: String) async -> AccessClaims? {
        guard token.utf8.count < 4096 else { return nil }
        let now = clock.now()
        if let claims = verified.claims(for: token, now: now) { return claims }
        // JWTKit checks `exp` against the wall clock; Campus's clock decides too, so both must agree.
        guard let claims = try? await keys.verify(token, as: AccessClaims.self), claims.exp.value > now else { return nil }
        verified.remember(token, claims: claims, now: now)
        return claims
    }

    /// 256 random bits, URL-safe.
    package static func newRefreshToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    package static func hashRefreshToken(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hexString
    }

    package func hashCode(_ code: String, userID: UUID, purpose: OneTimeCode.Purpose) -> String {
        let message = "\(purpose.rawValue):\(userID.uuidString.lowercased()):\(code)"
        return HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: codeKey).hexString
    }

    package static func newCode() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(format: "%06d", Int.random(in: 0...999_999, using: &generator))
    }
}

extension Sequence where Element == UInt8 {
    package var hexString: String { map { String(format: "%02x", $0) }.joined() }
}
