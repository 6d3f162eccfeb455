import Foundation

/// Where "now" comes from, so tests set time instead of sleeping.
public struct CampusClock: Sendable {
    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    public static let system = CampusClock(now: Date.init)
}
