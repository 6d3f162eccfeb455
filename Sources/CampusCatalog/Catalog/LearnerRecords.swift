import CampusAccounts
import CampusCore
import FluentKit
import Foundation

/// What the catalog asks the learning domain about one learner. Learning implements it and the app
/// wires it in, so the catalog never reads learning's tables.
package protocol LearnerRecords: Sendable {
    /// Whether the user holds an enrollment in the course that is not cancelled.
    func isEnrolled(userID: UUID, courseID: UUID, on database: any Database) async throws -> Bool
    /// The learner's enrollment and progress in a course; nil when they are not enrolled.
    func courseView(of course: Course, outline: CourseOutline, userID: UUID, on database: any Database) async throws -> LearnerCourseView?
    /// Throws the learner-facing problem (404, 401 or 403) unless the caller may read the lesson.
    func requireReadable(lessonID: String, caller: AuthContext, on database: any Database) async throws
}

/// A learner's place in one course, as the course page shows it.
package struct LearnerCourseView: Sendable {
    package var enrollment: EnrollmentDTO
    package var progress: CourseProgressDTO
    /// Lesson content id → `in_progress` / `completed`.
    package var lessonStatus: [String: String]

    package init(enrollment: EnrollmentDTO, progress: CourseProgressDTO, lessonStatus: [String: String]) {
        self.enrollment = enrollment
        self.progress = progress
        self.lessonStatus = lessonStatus
    }
}
