import Crypto
import Foundation

/// Stripe's webhook signature: the `Stripe-Signature` header `t=<unix seconds>,v1=<hex>[,v1=…]`, where each
/// `v1` is HMAC-SHA256 of `"{t}.{raw body}"` under the endpoint's secret. Verified over the raw bytes,
/// before any JSON parsing.
public enum StripeSignature {
    public enum Failure: Error, Equatable, Sendable {
        case malformedHeader
        case outsideTolerance
        case mismatch
    }

    public static let defaultTolerance: TimeInterval = 300

    /// The header value for `payload` signed at `timestamp`.
    public static func header(payload: some DataProtocol, secret: String, timestamp: Int64) -> String {
        "t=\(timestamp),v1=\(hex(signature(payload: payload, secret: secret, timestamp: timestamp)))"
    }

    /// Accepts when any `v1` matches under any of `secrets` (several during a secret's rotation) and `t` is
    /// within `tolerance` of `now` either way.
    public static func verify(header: String, payload: some DataProtocol, secrets: [String], now: Date,
                              tolerance: TimeInterval = defaultTolerance) throws(Failure) {
        var timestamp: Int64?
        var candidates: [[UInt8]] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let key = pair[0].trimmingCharacters(in: .whitespaces)
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            if key == "t" { timestamp = Int64(value) }
            if key == "v1", let bytes = HexText.bytes(value), bytes.count == SHA256.byteCount { candidates.append(bytes) }
        }
        guard let timestamp, !candidates.isEmpty else { throw .malformedHeader }
        guard abs(now.timeIntervalSince1970 - Double(timestamp)) <= tolerance else { throw .outsideTolerance }
        for secret in secrets {
            let expected = signature(payload: payload, secret: secret, timestamp: timestamp)
            for candidate in candidates where constantTimeEqual(candidate, expected) { return }
        }
        throw .mismatch
    }

    private static func signature(payload: some DataProtocol, secret: String, timestamp: Int64) -> [UInt8] {
        var mac = HMAC<SHA256>(key: SymmetricKey(data: Data(secret.utf8)))
        mac.update(data: Data("\(timestamp).".utf8))
        mac.update(data: payload)
        return Array(mac.finalize())
    }

    /// Every byte is compared whatever the first difference, so timing tells an attacker nothing.
    private static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
