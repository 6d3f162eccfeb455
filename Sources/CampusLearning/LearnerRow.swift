import CampusPlatform
import FluentKit
import Foundation
import SQLKit

/// A learner's enrollment in a course and their progress on one lesson, as one statement read them, decoded
/// only as far as the caller asks: a lesson read needs the enrollment's status and five columns of progress,
/// a completion the models. Building and freeing the two models was a tenth of a signed-in lesson read.
package struct LearnerRow {
    let row: any SQLRow
    /// Which of the exercises asked about the learner has passed.
    package let passed: Set<String>
    package let status: Enrollment.Status
    package let hasProgress: Bool

    init(_ row: any SQLRow, passed: Set<String>) throws {
        self.row = row
        self.passed = passed
        status = Enrollment.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .active
        hasProgress = try !row.decodeNil(column: "p_id")
    }

    package func enrollment() throws -> Enrollment {
        try Enrollment.decode(PlainRowOutput(row))
    }

    package func progress() throws -> LessonProgress? {
        hasProgress ? try LessonProgress.decode(PlainRowOutput(row, prefix: "p_")) : nil
    }

    /// What `LessonProgressDTO(progress())` would hold, read from the row's columns directly.
    package func progressDTO() throws -> LessonProgressDTO? {
        guard hasProgress else { return nil }
        return LessonProgressDTO(
            status: try row.decode(column: "p_status", as: String.self),
            completedAt: try row.decode(column: "p_completed_at", as: Date?.self),
            bookmarked: try row.decode(column: "p_bookmarked", as: Bool.self),
            note: try row.decode(column: "p_note", as: String?.self),
            timeSpentSeconds: try row.decode(column: "p_time_spent_seconds", as: Int.self))
    }
}
