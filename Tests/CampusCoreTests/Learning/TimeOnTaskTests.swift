import Foundation
import Testing
@testable import CampusCore

@Suite("Time on task")
struct TimeOnTaskTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test("the first heartbeat only starts the clock")
    func first() {
        #expect(TimeOnTask.credit(previousHeartbeat: nil, now: Self.now) == 0)
    }

    @Test("credits the seconds between heartbeats, rounded down", arguments: [
        (30.0, 30), (30.9, 30), (0.4, 0), (59.99, 59), (60.0, 60),
    ])
    func between(gap: TimeInterval, credited: Int) {
        #expect(TimeOnTask.credit(previousHeartbeat: Self.now.addingTimeInterval(-gap), now: Self.now) == credited)
    }

    @Test("credits at most a minute after a long pause")
    func capped() {
        #expect(TimeOnTask.credit(previousHeartbeat: Self.now.addingTimeInterval(-600), now: Self.now) == 60)
        #expect(TimeOnTask.credit(previousHeartbeat: Self.now.addingTimeInterval(-86_400 * 3), now: Self.now) == 60)
        #expect(TimeOnTask.maximumCredit == 60)
    }

    @Test("credits nothing when the clock goes backwards or stands still")
    func backwards() {
        #expect(TimeOnTask.credit(previousHeartbeat: Self.now.addingTimeInterval(45), now: Self.now) == 0)
        #expect(TimeOnTask.credit(previousHeartbeat: Self.now, now: Self.now) == 0)
    }
}
