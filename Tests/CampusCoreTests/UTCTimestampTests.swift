import Foundation
import Testing
@testable import CampusCore

@Suite("UTC timestamps")
struct UTCTimestampTests {
    static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    @Test("known instants")
    func known() {
        #expect(UTCTimestamp.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(UTCTimestamp.string(from: Date(timeIntervalSince1970: 951_782_400.5)) == "2000-02-29T00:00:00.500Z")
        #expect(UTCTimestamp.string(from: Date(timeIntervalSince1970: 1_798_761_599.999)) == "2026-12-31T23:59:59.999Z")
        #expect(UTCTimestamp.string(from: Date(timeIntervalSince1970: -1.25)) == "1969-12-31T23:59:58.750Z")
    }

    @Test("reads back through Foundation's ISO 8601 style to the same millisecond, across four centuries")
    func roundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let milliseconds = Int64.random(in: -2_208_988_800_000...7_258_118_400_000, using: &generator)
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let text = UTCTimestamp.string(from: date)
            let parsed = try Self.style.parse(text)
            #expect(Int64((parsed.timeIntervalSince1970 * 1000).rounded()) == milliseconds, "\(text)")
        }
    }
}
