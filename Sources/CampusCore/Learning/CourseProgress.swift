/// How far a learner is through a course, as the course page and the dashboard show it.
public struct CourseProgress: Sendable, Equatable {
    /// Whole percent of lessons done, rounded down so the bar reads 100 only when everything is
    /// done (199 of 200 lessons is 99, not 100). Counts that are out of range (a lesson removed
    /// after it was completed) stay within 0…100.
    public static func percent(completed: Int, total: Int) -> Int {
        guard total > 0, completed > 0 else { return 0 }
        guard completed < total else { return 100 }
        // Full width so a huge count cannot overflow; the quotient is below 100.
        return total.dividingFullWidth(100.multipliedFullWidth(by: completed)).quotient
    }

    /// Whether the learner has finished the course: every lesson done and, when the course has a
    /// final quiz (`finalQuizPassed` is not nil), that quiz passed. A course with nothing in it
    /// cannot be finished, so it never shows up as completed or earns a certificate.
    public static func isCourseComplete(lessonIDs: [String], completed: Set<String>, finalQuizPassed: Bool?) -> Bool {
        if lessonIDs.isEmpty && finalQuizPassed == nil { return false }
        return lessonIDs.allSatisfy(completed.contains) && finalQuizPassed != false
    }

    /// Where "Continue" takes the learner: the first lesson in course order not yet done, even if
    /// later ones were done out of order; nil when every lesson is done.
    public static func nextLesson(ordered lessonIDs: [String], completed: Set<String>) -> String? {
        lessonIDs.first { !completed.contains($0) }
    }
}
