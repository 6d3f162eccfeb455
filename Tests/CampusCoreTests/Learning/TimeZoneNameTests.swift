import Testing
@testable import CampusCore

@Suite("Time-zone names")
struct TimeZoneNameTests {
    @Test("accept IANA names as browsers send them", arguments: [
        "Europe/Moscow", "America/New_York", "UTC", "GMT", "Asia/Kolkata", "Asia/Calcutta", "Europe/Kyiv",
        "America/Argentina/Buenos_Aires", "Pacific/Chatham", "Pacific/Kiritimati", "America/Port-au-Prince",
    ])
    func valid(name: String) {
        #expect(TimeZoneName.validate(name) == name)
    }

    @Test("reject abbreviations, offsets and made-up names", arguments: [
        "Mars/Olympus", "", "+03:00", "MSK", "EST", "CET", "EST5EDT", "GMT+3", "UTC+03:00", "Etc/GMT+3",
        "europe/moscow", " Europe/Moscow", "Europe/Moscow ", "Europe/", "Europe//Moscow", "Europe/../Moscow",
        "Factory", "localtime", String(repeating: "A", count: 65), "America/" + String(repeating: "X", count: 60),
    ])
    func invalid(name: String) {
        #expect(TimeZoneName.validate(name) == nil)
    }
}
