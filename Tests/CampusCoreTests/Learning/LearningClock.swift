import Foundation
import Testing
@testable import CampusCore

/// Instants written the way a learner would read them off their own clock.
enum LearningClock {
    struct UnknownTime: Error {
        let text: String
    }

    static func zone(_ identifier: String) throws -> TimeZone {
        try #require(TimeZone(identifier: identifier))
    }

    /// "2026-03-07 23:30" on a wall clock in `identifier`. Avoid times that a clock change skips
    /// or repeats; those have no single answer.
    static func at(_ text: String, in identifier: String) throws -> Date {
        let parts = text.split(whereSeparator: { "- :".contains($0) }).compactMap { Int($0) }
        guard parts.count == 5 else { throw UnknownTime(text: text) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try zone(identifier)
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4])
        guard let date = calendar.date(from: components) else { throw UnknownTime(text: text) }
        return date
    }

    static func day(_ text: String) throws -> LocalDay {
        try #require(LocalDay(text: text))
    }
}
