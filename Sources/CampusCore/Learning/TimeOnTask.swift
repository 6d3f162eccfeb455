import Foundation

/// Study time counted from the heartbeats an open lesson sends.
///
/// Only the time between two heartbeats is credited, and at most a minute of it, so a tab left
/// open overnight or a laptop that slept does not turn into hours of study.
public enum TimeOnTask {
    /// Longer gaps than this mean the learner was away, not reading.
    public static let maximumCredit: TimeInterval = 60
    static let storageSlack: TimeInterval = 0.001

    /// Whole seconds to credit for a heartbeat at `now`. A first heartbeat only starts the clock,
    /// and one that arrives "before" the previous one (clock changes, reordered requests) earns
    /// nothing rather than a negative amount.
    public static func credit(previousHeartbeat: Date?, now: Date) -> Int {
        guard let previousHeartbeat, now > previousHeartbeat else { return 0 }
        // A millisecond of slack: stored times come back from the database a hair off (binary
        // fractions of seconds), and 25 s between heartbeats must not be credited as 24.
        let elapsed = min(now.timeIntervalSince(previousHeartbeat) + storageSlack, maximumCredit)
        return Int(elapsed.rounded(.down))
    }
}
