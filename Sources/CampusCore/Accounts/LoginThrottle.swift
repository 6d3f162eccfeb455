import Foundation

/// The rule for locking an email after repeated failed logins: `limit` failures within `window`
/// lock it until the oldest of them leaves the window.
public struct LoginThrottle: Sendable {
    public let limit: Int
    public let window: TimeInterval

    public init(limit: Int = 10, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// Seconds until another attempt is allowed, or nil when one is allowed now.
    /// `failures` are the times of recent failures in any order.
    public func retryAfter(failures: [Date], now: Date) -> Int? {
        let recent = failures.filter { now.timeIntervalSince($0) < window }.sorted()
        guard recent.count >= limit else { return nil }
        let unlock = recent[recent.count - limit].addingTimeInterval(window)
        // Stored times come back with float noise; a millisecond of slack keeps 900 s from reading as 901.
        return max(1, Int((unlock.timeIntervalSince(now) - 0.001).rounded(.up)))
    }
}
