import Foundation
import Testing
@testable import CampusCore

@Suite("Stripe webhook signatures")
struct StripeSignatureTests {
    let secret = "whsec_test_secret"
    let payload = Data(#"{"id":"evt_1","type":"checkout.session.completed"}"#.utf8)
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("a header signed with the secret over t.body verifies")
    func verifies() throws {
        let header = StripeSignature.header(payload: payload, secret: secret, timestamp: 1_700_000_000)
        try StripeSignature.verify(header: header, payload: payload, secrets: [secret], now: now)
    }

    @Test("matches Stripe's documented construction: HMAC-SHA256 hex of \"{t}.{body}\"")
    func knownVector() throws {
        // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test_secret
        let body = Data(#"{"a":1}"#.utf8)
        let header = StripeSignature.header(payload: body, secret: secret, timestamp: 1_700_000_000)
        #expect(header == "t=1700000000,v1=aecbc681fe3d2604c08ff8e880a0988d997a12367fcf9545e6a3b90c1dfc04b7")
    }

    @Test("any of several v1 signatures and any of several secrets may match (rotation)")
    func rotation() throws {
        let good = StripeSignature.header(payload: payload, secret: "whsec_new", timestamp: 1_700_000_000)
        let v1 = good.split(separator: ",")[1]
        let header = "t=1700000000,v1=\(String(repeating: "0", count: 64)),\(v1),v0=ignored"
        try StripeSignature.verify(header: header, payload: payload, secrets: [secret, "whsec_new"], now: now)
    }

    @Test("a changed body, another secret or a stale or future timestamp is refused")
    func refused() {
        let header = StripeSignature.header(payload: payload, secret: secret, timestamp: 1_700_000_000)
        var changed = payload
        changed.append(UInt8(ascii: " "))
        #expect(throws: StripeSignature.Failure.mismatch) { try StripeSignature.verify(header: header, payload: changed, secrets: [secret], now: now) }
        #expect(throws: StripeSignature.Failure.mismatch) { try StripeSignature.verify(header: header, payload: payload, secrets: ["whsec_other"], now: now) }
        #expect(throws: StripeSignature.Failure.outsideTolerance) {
            try StripeSignature.verify(header: header, payload: payload, secrets: [secret], now: now.addingTimeInterval(301))
        }
        #expect(throws: StripeSignature.Failure.outsideTolerance) {
            try StripeSignature.verify(header: header, payload: payload, secrets: [secret], now: now.addingTimeInterval(-301))
        }
        try? StripeSignature.verify(header: header, payload: payload, secrets: [secret], now: now.addingTimeInterval(300))
    }

    @Test("malformed headers are refused as such", arguments: ["", "t=1700000000", "v1=abcd", "t=x,v1=00", "t=1700000000,v1=zz", "garbage"])
    func malformed(header: String) {
        #expect(throws: StripeSignature.Failure.malformedHeader) {
            try StripeSignature.verify(header: header, payload: payload, secrets: [secret], now: now)
        }
    }
}
