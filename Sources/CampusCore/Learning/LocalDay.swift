import Foundation

/// A calendar day as the user lives it, in their own time zone.
///
/// Streaks and daily goals are about days on the user's wall calendar, not 24-hour spans of
/// absolute time: a day can last 23 or 25 hours, and the same instant is two different days in
/// Kiritimati and Pago Pago. Keeping the day as plain numbers lets it be compared and stored
/// without dragging a time zone along.
///
/// Day arithmetic counts calendar days on the proleptic Gregorian calendar with integers, which
/// is what a UTC Gregorian calendar would do but cannot be bent by daylight saving time or by a
/// calendar's Julian cut-over.
public struct LocalDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Out-of-range parts roll over the way `Calendar` does (February 30 is March 1 or 2), so a
    /// `LocalDay` never holds a day that does not exist and arithmetic on it stays exact.
    public init(year: Int, month: Int, day: Int) {
        let monthIndex = month - 1
        let normalizedYear = year + monthIndex.floorDivided(by: 12)
        let normalizedMonth = monthIndex.floorModulo(12) + 1
        let number = Self.dayNumber(year: normalizedYear, month: normalizedMonth, day: 1) + (day - 1)
        self.init(dayNumber: number)
    }

    /// The day `date` falls on for someone whose clock is set to `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// Reads exactly "YYYY-MM-DD" (years 0001–9999) and only days that exist, because the text
    /// comes from clients and URLs, where "2026-02-30" or "2026-3-8" is a mistake to report,
    /// not a day to guess.
    public init?(text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        guard let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]),
              let day = Self.number(bytes[8..<10]) else { return nil }
        guard year >= 1, (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// ISO 8601 "2026-03-08": sorts the same as the days themselves and is what the API sends.
    public var text: String {
        let sign = year < 0 ? "-" : ""
        return sign + Self.padded(abs(year), to: 4) + "-" + Self.padded(month, to: 2) + "-" + Self.padded(day, to: 2)
    }

    public var description: String { text }

    public func adding(days: Int) -> LocalDay {
        LocalDay(dayNumber: dayNumber + days)
    }

    /// Whole calendar days from `other` to this day: 1 from Saturday to Sunday even when the
    /// clocks changed that night.
    public func days(since other: LocalDay) -> Int {
        dayNumber - other.dayNumber
    }

    public static func < (lhs: LocalDay, rhs: LocalDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = LocalDay(text: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected a day as YYYY-MM-DD, got \"\(text)\"")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

extension LocalDay {
    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    var dayNumber: Int { Self.dayNumber(year: year, month: month, day: day) }

    private init(dayNumber: Int) {
        // Howard Hinnant's civil_from_days: exact for every Int day number a person will meet.
        let shifted = dayNumber + 719_468
        let era = shifted.floorDivided(by: 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    private static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let marchYear = month <= 2 ? year - 1 : year
        let era = marchYear.floorDivided(by: 400)
        let yearOfEra = marchYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func padded(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

private extension Int {
    /// Division rounding toward minus infinity, so days before 1970 and months below 1 land in the
    /// right year.
    func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    func floorModulo(_ divisor: Int) -> Int {
        self - floorDivided(by: divisor) * divisor
    }
}
