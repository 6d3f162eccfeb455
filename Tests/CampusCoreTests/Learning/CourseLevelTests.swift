import Testing
@testable import CampusCore

@Suite("Course levels")
struct CourseLevelTests {
    @Test("accept the level in any letter case", arguments: [
        ("beginner", CourseLevel.beginner), ("BEGINNER", .beginner), ("Beginner", .beginner), (" intermediate\n", .intermediate),
        ("eXpErT", .expert), ("Elementary", .elementary), ("advanced", .advanced),
    ])
    func lenient(raw: String, level: CourseLevel) {
        #expect(CourseLevel(lenient: raw) == level)
    }

    @Test("reject what is not a level", arguments: ["", "pro", "beginners", "middle", "1"])
    func rejected(raw: String) {
        #expect(CourseLevel(lenient: raw) == nil)
    }

    @Test("is sent with a capital letter, easiest first")
    func rawValues() {
        #expect(CourseLevel.allCases.map(\.rawValue) == ["Beginner", "Elementary", "Intermediate", "Advanced", "Expert"])
        #expect(CourseLevel(rawValue: "beginner") == nil)
    }
}
