import Foundation

/// How often a plan charges.
public enum BillingPeriod: String, Sendable, Codable, CaseIterable {
    case month
    case year

    /// The same day of the next month or year in UTC (the 31st becomes the month's last day).
    public func end(after start: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let component: Calendar.Component = self == .month ? .month : .year
        return calendar.date(byAdding: component, value: 1, to: start) ?? start.addingTimeInterval(self == .month ? 30 * 86_400 : 365 * 86_400)
    }
}
