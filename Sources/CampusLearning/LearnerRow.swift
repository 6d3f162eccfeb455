import CampusPlatform
import FluentKit
import Foundation
import SQLKit

/// A learner's enrollment in a course and their progress on one lesson, as one statement read them. A lesson
/// read asks only for what it shows (`shown`: the enrollment's status and five columns of progress); the
/// paths that change the enrollment or the progress ask for the whole rows (`whole`) and make the models from
/// them. Building and freeing the two models was a tenth of a signed-in lesson read.
package struct LearnerRow {
    /// The whole rows, when they were asked for.
    private let row: (any SQLRow)?
    /// Which of the exercises asked about the learner has passed.
    package let passed: Set<String>
    package let status: Enrollment.Status
    private let shownProgress: LessonProgressDTO?
    package let hasProgress: Bool

    /// What the statement returns: the whole rows, or only what a lesson read shows.
    package enum Columns {
        case whole, shown
    }

    /// From a row of `Enrollment.learnerColumns(.whole)`.
    init(whole row: any SQLRow, passed: Set<String>) throws {
        self.row = row
        self.passed = passed
        status = Enrollment.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .active
        hasProgress = try !row.decodeNil(column: "p_id")
        shownProgress = nil
    }

    /// From a row of `Enrollment.learnerColumns(.shown)`.
    init(shown row: any SQLRow, passed: Set<String>) throws {
        let hasProgress = try !row.decodeNil(column: "p_id")
        self.init(status: try row.decode(column: "status", as: String.self), passed: passed, progress: hasProgress ? LessonProgressDTO(
            status: try row.decode(column: "p_status", as: String.self),
            completedAt: try row.decode(column: "p_completed_at", as: Date?.self),
            bookmarked: try row.decode(column: "p_bookmarked", as: Bool.self),
            note: try row.decode(column: "p_note", as: String?.self),
            timeSpentSeconds: try row.decode(column: "p_time_spent_seconds", as: Int.self)) : nil)
    }

    init(status: String, passed: Set<String>, progress: LessonProgressDTO?) {
        row = nil
        self.passed = passed
        self.status = Enrollment.Status(rawValue: status) ?? .active
        shownProgress = progress
        hasProgress = progress != nil
    }

    package func enrollment() throws -> Enrollment {
        try Enrollment.decode(PlainRowOutput(try wholeRow()))
    }

    package func progress() throws -> LessonProgress? {
        hasProgress ? try LessonProgress.decode(PlainRowOutput(try wholeRow(), prefix: "p_")) : nil
    }

    /// What `LessonProgressDTO(progress())` would hold.
    package func progressDTO() throws -> LessonProgressDTO? {
        guard let row else { return shownProgress }
        guard hasProgress else { return nil }
        return LessonProgressDTO(
            status: try row.decode(column: "p_status", as: String.self),
            completedAt: try row.decode(column: "p_completed_at", as: Date?.self),
            bookmarked: try row.decode(column: "p_bookmarked", as: Bool.self),
            note: try row.decode(column: "p_note", as: String?.self),
            timeSpentSeconds: try row.decode(column: "p_time_spent_seconds", as: Int.self))
    }

    private func wholeRow() throws -> any SQLRow {
        guard let row else { throw ShownColumnsOnly() }
        return row
    }

    /// A path that changes the enrollment or the progress read the learner with `.shown` columns: a mistake in
    /// Campus, not in the request.
    struct ShownColumnsOnly: Error {}
}
