import Foundation
import Synchronization

/// RFC 9562 version 7 identifiers: a 48-bit Unix-millisecond timestamp, then randomness.
///
/// Ids made by one generator are strictly increasing even within one millisecond: the 12 bits of
/// `rand_a` carry a counter seeded randomly each millisecond (RFC 9562 §6.2, method 1). When the counter
/// would overflow, the timestamp is advanced by one millisecond instead, so ordering never breaks.
public final class UUIDv7Generator: Sendable {
    private struct State {
        var lastMillis: UInt64 = 0
        var counter: UInt16 = 0
    }

    private let state = Mutex(State())
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = Date.init) {
        self.now = now
    }

    public static let shared = UUIDv7Generator()

    public func next() -> UUID {
        var random = SystemRandomNumberGenerator()
        let wallMillis = UInt64(max(0, now().timeIntervalSince1970 * 1000))
        let (millis, counter): (UInt64, UInt16) = state.withLock { state in
            if wallMillis > state.lastMillis {
                state.lastMillis = wallMillis
                // Seed below half the range so a burst within one millisecond has room to count up.
                state.counter = UInt16.random(in: 0..<0x800, using: &random)
            } else if state.counter >= 0xFFF {
                state.lastMillis += 1
                state.counter = UInt16.random(in: 0..<0x800, using: &random)
            } else {
                state.counter += 1
            }
            return (state.lastMillis, state.counter)
        }
        return Self.make(millis: millis, counter: counter, randomBits: random.next())
    }

    static func make(millis: UInt64, counter: UInt16, randomBits: UInt64) -> UUID {
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - index)))
        }
        bytes[6] = 0x70 | UInt8(truncatingIfNeeded: counter >> 8 & 0x0F)
        bytes[7] = UInt8(truncatingIfNeeded: counter)
        for index in 8..<16 {
            bytes[index] = UInt8(truncatingIfNeeded: randomBits >> (8 * (15 - index)))
        }
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        return UUID(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
        ))
    }
}

extension UUID {
    /// A new time-ordered id from the process-wide generator.
    public static func v7() -> UUID { UUIDv7Generator.shared.next() }

    /// The millisecond timestamp of a version 7 id, or nil for other versions.
    public var v7Timestamp: Date? {
        let bytes = uuid
        guard bytes.6 >> 4 == 7 else { return nil }
        let parts = [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5]
        let millis = parts.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Date(timeIntervalSince1970: Double(millis) / 1000)
    }
}
