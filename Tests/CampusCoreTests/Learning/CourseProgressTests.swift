import Testing
@testable import CampusCore

@Suite("Course progress")
struct CourseProgressTests {
    @Test("shows whole percent, rounded down", arguments: [
        (0, 10, 0), (1, 3, 33), (2, 3, 66), (5, 10, 50), (199, 200, 99), (10, 10, 100), (0, 0, 0), (3, 0, 0),
        (12, 10, 100), (-1, 10, 0), (Int.max - 1, Int.max, 99),
    ])
    func percent(completed: Int, total: Int, shown: Int) {
        #expect(CourseProgress.percent(completed: completed, total: total) == shown)
    }

    @Test("is complete when every lesson is done and the final quiz, if any, is passed")
    func complete() {
        let lessons = ["intro", "resources", "errors"]
        let all: Set<String> = ["intro", "resources", "errors"]
        #expect(CourseProgress.isCourseComplete(lessonIDs: lessons, completed: all, finalQuizPassed: nil))
        #expect(CourseProgress.isCourseComplete(lessonIDs: lessons, completed: all, finalQuizPassed: true))
        #expect(!CourseProgress.isCourseComplete(lessonIDs: lessons, completed: all, finalQuizPassed: false))
        #expect(!CourseProgress.isCourseComplete(lessonIDs: lessons, completed: ["intro", "errors"], finalQuizPassed: true))
        #expect(CourseProgress.isCourseComplete(lessonIDs: lessons, completed: all.union(["removed-lesson"]), finalQuizPassed: nil))
    }

    @Test("an empty course is never complete, one with only a quiz is once it is passed")
    func emptyCourse() {
        #expect(!CourseProgress.isCourseComplete(lessonIDs: [], completed: [], finalQuizPassed: nil))
        #expect(!CourseProgress.isCourseComplete(lessonIDs: [], completed: ["stray"], finalQuizPassed: nil))
        #expect(CourseProgress.isCourseComplete(lessonIDs: [], completed: [], finalQuizPassed: true))
        #expect(!CourseProgress.isCourseComplete(lessonIDs: [], completed: [], finalQuizPassed: false))
    }

    @Test("continue takes the learner to the first lesson not done")
    func next() {
        let lessons = ["intro", "resources", "errors", "versioning"]
        #expect(CourseProgress.nextLesson(ordered: lessons, completed: []) == "intro")
        #expect(CourseProgress.nextLesson(ordered: lessons, completed: ["intro"]) == "resources")
        #expect(CourseProgress.nextLesson(ordered: lessons, completed: ["intro", "errors", "versioning"]) == "resources")
        #expect(CourseProgress.nextLesson(ordered: lessons, completed: Set(lessons)) == nil)
        #expect(CourseProgress.nextLesson(ordered: [], completed: []) == nil)
    }
}
