import Foundation

/// UTC times as the wire writes them, `2026-11-27T08:15:42.123Z`: always milliseconds, always `Z`.
///
/// Written by arithmetic rather than a format style: every response with a time goes through here,
/// and Foundation's `ISO8601FormatStyle` cost more than the rest of a small response's encoding.
public enum UTCTimestamp {
    public static func string(from date: Date) -> String {
        // Truncated to the millisecond. (Foundation's format style sometimes writes one millisecond less: it
        // takes the fraction from the floating-point seconds.)
        // Rounded to the microsecond first, so that 0.002 stored as 0.0019999… still reads .002.
        let microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let totalMilliseconds = microseconds >= 0 ? microseconds / 1000 : (microseconds - 999) / 1000
        var days = totalMilliseconds >= 0 ? totalMilliseconds / 86_400_000 : (totalMilliseconds - 86_399_999) / 86_400_000
        let inDay = totalMilliseconds - days * 86_400_000
        let (year, month, day) = civil(fromDays: &days)
        var bytes = [UInt8]()
        bytes.reserveCapacity(24)
        func digits(_ value: Int64, _ count: Int) {
            var divisor: Int64 = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        guard (0...9999).contains(year) else { return ISO8601FormatStyle.fallback.format(date) }
        digits(year, 4); bytes.append(UInt8(ascii: "-"))
        digits(month, 2); bytes.append(UInt8(ascii: "-"))
        digits(day, 2); bytes.append(UInt8(ascii: "T"))
        digits(inDay / 3_600_000, 2); bytes.append(UInt8(ascii: ":"))
        digits(inDay / 60_000 % 60, 2); bytes.append(UInt8(ascii: ":"))
        digits(inDay / 1000 % 60, 2); bytes.append(UInt8(ascii: "."))
        digits(inDay % 1000, 3); bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `civil_from_days`).
    private static func civil(fromDays days: inout Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private enum ISO8601FormatStyle {
        static let fallback = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    }
}
