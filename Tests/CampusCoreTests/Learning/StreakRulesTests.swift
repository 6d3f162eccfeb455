import Foundation
import Testing
@testable import CampusCore

@Suite("Study streaks")
struct StreakRulesTests {
    typealias Clock = LearningClock

    /// The state after activities at the given wall-clock times, all in one zone.
    static func streak(_ times: [String], in zone: String, from start: StreakState = StreakState()) throws -> StreakState {
        let timeZone = try Clock.zone(zone)
        return try times.reduce(start) { state, time in
            StreakRules.recordActivity(state, at: try Clock.at(time, in: zone), timeZone: timeZone)
        }
    }

    static func shown(_ state: StreakState, at time: String, in zone: String) throws -> Int {
        StreakRules.currentStreak(state, asOf: try Clock.at(time, in: zone), timeZone: try Clock.zone(zone))
    }

    @Test("start at 1 with the first lesson")
    func first() throws {
        let state = try Self.streak(["2026-06-01 09:00"], in: "Europe/Moscow")
        #expect(state == StreakState(current: 1, longest: 1, lastActiveDay: try Clock.day("2026-06-01")))
    }

    @Test("grow by one a day and count several lessons on one day once")
    func consecutive() throws {
        let state = try Self.streak(
            ["2026-06-01 09:00", "2026-06-01 12:00", "2026-06-01 23:00", "2026-06-02 07:00", "2026-06-03 21:00", "2026-06-03 21:05"],
            in: "Europe/Moscow"
        )
        #expect(state.current == 3)
        #expect(state.longest == 3)
        #expect(state.lastActiveDay == (try Clock.day("2026-06-03")))
    }

    @Test("leave the state untouched by a second activity on the same day")
    func sameDay() throws {
        let morning = try Self.streak(["2026-06-01 09:00", "2026-06-02 08:00"], in: "Europe/Moscow")
        let evening = try Self.streak(["2026-06-02 23:59"], in: "Europe/Moscow", from: morning)
        #expect(evening == morning)
    }

    @Test("restart at 1 after a missed day and keep the longest run")
    func reset() throws {
        let state = try Self.streak(
            ["2026-06-01 09:00", "2026-06-02 09:00", "2026-06-03 09:00", "2026-06-05 09:00", "2026-06-06 09:00"],
            in: "Europe/Moscow"
        )
        #expect(state.current == 2)
        #expect(state.longest == 3)
    }

    @Test("count 23:59 and 00:01 the next day as two days in a row")
    func aroundMidnight() throws {
        let state = try Self.streak(["2026-06-01 23:59", "2026-06-02 00:01"], in: "America/New_York")
        #expect(state.current == 2)
    }

    @Test("see a gap across the spring-forward night even though only 24 hours passed")
    func springForwardGap() throws {
        let saturday = try Clock.at("2026-03-07 23:30", in: "America/New_York")
        let monday = try Clock.at("2026-03-09 00:30", in: "America/New_York")
        #expect(monday.timeIntervalSince(saturday) == 24 * 3600)
        let state = try Self.streak(["2026-03-07 23:30", "2026-03-09 00:30"], in: "America/New_York")
        #expect(state.current == 1)
    }

    @Test("keep the streak across the spring-forward night")
    func springForwardConsecutive() throws {
        let state = try Self.streak(["2026-03-07 23:59", "2026-03-08 00:01", "2026-03-09 00:01"], in: "America/New_York")
        #expect(state.current == 3)
    }

    @Test("see a gap across the fall-back night")
    func fallBackGap() throws {
        let state = try Self.streak(["2026-10-31 23:30", "2026-11-02 00:30"], in: "America/New_York")
        #expect(state.current == 1)
        #expect(state.longest == 1)
    }

    @Test("count the whole 25-hour fall-back day as one day")
    func longDay() throws {
        let dawn = try Clock.at("2026-11-01 00:05", in: "America/New_York")
        let night = try Clock.at("2026-11-01 23:55", in: "America/New_York")
        #expect(night.timeIntervalSince(dawn) > 24 * 3600)
        let state = try Self.streak(["2026-10-31 20:00", "2026-11-01 00:05", "2026-11-01 23:55", "2026-11-02 00:05"], in: "America/New_York")
        #expect(state.current == 3)
    }

    @Test("use Moscow's day, which starts at 21:00 UTC")
    func moscow() throws {
        let state = try Self.streak(["2026-05-10 20:00", "2026-05-10 22:30"], in: "UTC")
        #expect(state.current == 1)
        let moscow = try Clock.zone("Europe/Moscow")
        let inMoscow = try ["2026-05-10 20:00", "2026-05-10 22:30"].reduce(StreakState()) { state, time in
            StreakRules.recordActivity(state, at: try Clock.at(time, in: "UTC"), timeZone: moscow)
        }
        #expect(inMoscow.current == 2)
        #expect(inMoscow.lastActiveDay == (try Clock.day("2026-05-11")))
    }

    @Test("follow half- and three-quarter-hour zones", arguments: [
        ("Asia/Kolkata", "2026-06-15 18:29", "2026-06-15 18:31"),
        ("Pacific/Chatham", "2026-06-15 11:14", "2026-06-15 11:16"),
    ])
    func oddOffsets(zone: String, beforeMidnightUTC: String, afterMidnightUTC: String) throws {
        let timeZone = try Clock.zone(zone)
        let before = try Clock.at(beforeMidnightUTC, in: "UTC")
        let after = try Clock.at(afterMidnightUTC, in: "UTC")
        let once = StreakRules.recordActivity(StreakState(), at: before, timeZone: timeZone)
        let twice = StreakRules.recordActivity(once, at: after, timeZone: timeZone)
        #expect(once.lastActiveDay == (try Clock.day("2026-06-15")))
        #expect(twice.lastActiveDay == (try Clock.day("2026-06-16")))
        #expect(twice.current == 2)
    }

    @Test("put the same instant on different days in Kiritimati and Pago Pago")
    func dateLine() throws {
        let instant = try Clock.at("2026-06-15 10:30", in: "UTC")
        let kiritimati = StreakRules.recordActivity(StreakState(), at: instant, timeZone: try Clock.zone("Pacific/Kiritimati"))
        let pagoPago = StreakRules.recordActivity(StreakState(), at: instant, timeZone: try Clock.zone("Pacific/Pago_Pago"))
        #expect(kiritimati.lastActiveDay == (try Clock.day("2026-06-16")))
        #expect(pagoPago.lastActiveDay == (try Clock.day("2026-06-14")))
    }

    @Test("never shrink when the learner flies west into yesterday")
    func movedWest() throws {
        let home = try Self.streak(["2026-06-14 20:00", "2026-06-15 20:00", "2026-06-16 08:00"], in: "Pacific/Kiritimati")
        #expect(home.current == 3)
        // Two hours later on the flight's arrival the learner's clock says June 15 again.
        let landed = try Clock.at("2026-06-15 11:00", in: "Pacific/Pago_Pago")
        let after = StreakRules.recordActivity(home, at: landed, timeZone: try Clock.zone("Pacific/Pago_Pago"))
        #expect(after == home)
        #expect(StreakRules.currentStreak(home, asOf: landed, timeZone: try Clock.zone("Pacific/Pago_Pago")) == 3)
    }

    @Test("ignore an activity dated before the last active day")
    func clockSkew() throws {
        let state = try Self.streak(["2026-06-01 09:00", "2026-06-02 09:00"], in: "Europe/Moscow")
        let skewed = try Self.streak(["2026-05-20 09:00"], in: "Europe/Moscow", from: state)
        #expect(skewed == state)
    }

    @Test("carry across New Year and the leap day")
    func calendarBoundaries() throws {
        let newYear = try Self.streak(["2026-12-30 10:00", "2026-12-31 23:00", "2027-01-01 00:30"], in: "Asia/Kolkata")
        #expect(newYear.current == 3)
        let leap = try Self.streak(["2028-02-28 10:00", "2028-02-29 10:00", "2028-03-01 10:00"], in: "Europe/Moscow")
        #expect(leap.current == 3)
        let common = try Self.streak(["2027-02-28 10:00", "2027-03-01 10:00"], in: "Europe/Moscow")
        #expect(common.current == 2)
    }

    @Test("show the streak through the whole next day and 0 a minute after it ends")
    func shownStreak() throws {
        let state = try Self.streak(["2026-06-01 09:00", "2026-06-02 22:00"], in: "Europe/Moscow")
        #expect(try Self.shown(state, at: "2026-06-02 23:00", in: "Europe/Moscow") == 2)
        #expect(try Self.shown(state, at: "2026-06-03 00:00", in: "Europe/Moscow") == 2)
        #expect(try Self.shown(state, at: "2026-06-03 23:59", in: "Europe/Moscow") == 2)
        #expect(try Self.shown(state, at: "2026-06-04 00:00", in: "Europe/Moscow") == 0)
        #expect(try Self.shown(state, at: "2026-06-04 00:01", in: "Europe/Moscow") == 0)
        #expect(state.longest == 2)
    }

    @Test("shown streak lasts through a 23-hour day and ends at its midnight")
    func shownAcrossSpringForward() throws {
        let state = try Self.streak(["2026-03-07 21:00"], in: "America/New_York")
        #expect(try Self.shown(state, at: "2026-03-08 23:59", in: "America/New_York") == 1)
        #expect(try Self.shown(state, at: "2026-03-09 00:01", in: "America/New_York") == 0)
    }

    @Test("shown streak lasts through a 25-hour day and ends at its midnight")
    func shownAcrossFallBack() throws {
        let state = try Self.streak(["2026-10-31 21:00"], in: "America/New_York")
        #expect(try Self.shown(state, at: "2026-11-01 23:59", in: "America/New_York") == 1)
        #expect(try Self.shown(state, at: "2026-11-02 00:01", in: "America/New_York") == 0)
    }

    @Test("show 0 before any activity")
    func shownEmpty() throws {
        #expect(try Self.shown(StreakState(), at: "2026-06-01 09:00", in: "UTC") == 0)
    }
}
