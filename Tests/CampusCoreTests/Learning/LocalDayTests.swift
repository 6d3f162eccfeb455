import Foundation
import Testing
@testable import CampusCore

@Suite("Local days")
struct LocalDayTests {
    typealias Clock = LearningClock

    @Test("read and write ISO dates", arguments: ["2026-03-08", "2028-02-29", "2000-02-29", "0001-01-01", "9999-12-31"])
    func roundTrip(text: String) throws {
        let day = try Clock.day(text)
        #expect(day.text == text)
        #expect(day.description == text)
        #expect("\(day)" == text)
    }

    @Test("reject text that is not a real day", arguments: [
        "", "2026-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "0000-01-01",
        "2026-3-8", "2026-03-8", " 2026-03-08", "2026-03-08 ", "2026/03/08", "2026-03-08T00:00", "20260308",
        "２０２６-03-08", "+026-03-08", "-026-03-08", "2026-0x-08",
    ])
    func rejected(text: String) {
        #expect(LocalDay(text: text) == nil)
    }

    @Test("pad the year, month and day with zeros")
    func padded() {
        #expect(LocalDay(year: 2026, month: 3, day: 8).text == "2026-03-08")
        #expect(LocalDay(year: 33, month: 1, day: 2).text == "0033-01-02")
    }

    @Test("roll impossible parts over instead of holding a day that does not exist")
    func rollover() {
        #expect(LocalDay(year: 2026, month: 2, day: 30) == LocalDay(year: 2026, month: 3, day: 2))
        #expect(LocalDay(year: 2026, month: 13, day: 1) == LocalDay(year: 2027, month: 1, day: 1))
        #expect(LocalDay(year: 2026, month: 1, day: 0) == LocalDay(year: 2025, month: 12, day: 31))
        #expect(LocalDay(year: 2026, month: 0, day: 15).text == "2025-12-15")
    }

    @Test("are the day on the learner's own calendar")
    func fromDate() throws {
        let instant = try Clock.at("2026-05-10 22:30", in: "UTC")
        #expect(LocalDay(instant, in: try Clock.zone("UTC")).text == "2026-05-10")
        #expect(LocalDay(instant, in: try Clock.zone("Europe/Moscow")).text == "2026-05-11")
        #expect(LocalDay(instant, in: try Clock.zone("America/New_York")).text == "2026-05-10")
        #expect(LocalDay(instant, in: try Clock.zone("Pacific/Kiritimati")).text == "2026-05-11")
    }

    @Test("count calendar days, not 24-hour spans, across clock changes")
    func daysAcrossDST() throws {
        let newYork = try Clock.zone("America/New_York")
        let saturday = LocalDay(try Clock.at("2026-03-07 23:30", in: "America/New_York"), in: newYork)
        let monday = LocalDay(try Clock.at("2026-03-09 00:30", in: "America/New_York"), in: newYork)
        #expect(monday.days(since: saturday) == 2)
        #expect(saturday.days(since: monday) == -2)
        #expect(try Clock.day("2026-11-02").days(since: Clock.day("2026-10-31")) == 2)
        #expect(try Clock.day("2026-03-08").days(since: Clock.day("2026-03-08")) == 0)
    }

    @Test("step across month, year and leap-day boundaries")
    func adding() throws {
        #expect(try Clock.day("2026-12-31").adding(days: 1).text == "2027-01-01")
        #expect(try Clock.day("2027-01-01").adding(days: -1).text == "2026-12-31")
        #expect(try Clock.day("2028-02-28").adding(days: 1).text == "2028-02-29")
        #expect(try Clock.day("2028-02-29").adding(days: 1).text == "2028-03-01")
        #expect(try Clock.day("2026-02-28").adding(days: 1).text == "2026-03-01")
        #expect(try Clock.day("2026-03-08").adding(days: 365).text == "2027-03-08")
        #expect(try Clock.day("1969-12-31").adding(days: 1).text == "1970-01-01")
        #expect(try Clock.day("2029-01-01").days(since: Clock.day("2028-01-01")) == 366)
        #expect(try Clock.day("2026-03-08").adding(days: 0) == Clock.day("2026-03-08"))
    }

    @Test("sort in calendar order")
    func order() throws {
        let days = try ["2027-01-01", "2026-12-31", "2026-02-01", "2026-01-31"].map(Clock.day)
        #expect(days.sorted().map(\.text) == ["2026-01-31", "2026-02-01", "2026-12-31", "2027-01-01"])
        #expect(try Clock.day("2026-03-08") < Clock.day("2026-03-09"))
        #expect(try !(Clock.day("2026-03-08") < Clock.day("2026-03-08")))
    }

    @Test("travel through JSON as the ISO text")
    func codable() throws {
        let day = try Clock.day("2026-03-08")
        let json = try JSONEncoder().encode(["lastActiveDay": day])
        #expect(String(decoding: json, as: UTF8.self) == #"{"lastActiveDay":"2026-03-08"}"#)
        #expect(try JSONDecoder().decode([String: LocalDay].self, from: json) == ["lastActiveDay": day])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDay].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
    }
}
