import Testing
@testable import CampusCore

@Suite("Course status")
struct CourseStatusTests {
    @Test("moves one way round draft → published → archived → draft", arguments: [
        (CourseStatus.draft, CourseStatus.draft, true),
        (.draft, .published, true),
        (.draft, .archived, false),
        (.published, .draft, false),
        (.published, .published, true),
        (.published, .archived, true),
        (.archived, .draft, true),
        (.archived, .published, false),
        (.archived, .archived, true),
    ])
    func transition(from: CourseStatus, to next: CourseStatus, allowed: Bool) {
        #expect(from.canMove(to: next) == allowed)
    }

    @Test("is stored and sent as lower-case words")
    func rawValues() {
        #expect(CourseStatus.allCases.map(\.rawValue) == ["draft", "published", "archived"])
        #expect(CourseStatus(rawValue: "Published") == nil)
    }
}
