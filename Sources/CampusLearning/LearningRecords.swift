import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import CampusQuizzes
import FluentKit
import Foundation

/// Learning's answers to the questions other domains ask of it: the catalog's `LearnerRecords` and the
/// quiz domain's `QuizOutcomes`. The app hands one of these to each.
package struct LearningRecords: LearnerRecords, QuizOutcomes {
    package let platform: PlatformServices

    package init(platform: PlatformServices) {
        self.platform = platform
    }

    package func isEnrolled(userID: UUID, courseID: UUID, on database: any Database) async throws -> Bool {
        try await Enrollment.query(on: database).filter(\.$userID == userID).filter(\.$courseID == courseID)
            .filter(\.$status != Enrollment.Status.cancelled.rawValue).first() != nil
    }

    package func courseView(of course: Course, outline: CourseOutline, userID: UUID, on database: any Database) async throws -> LearnerCourseView? {
        let learning = LearningService(platform: platform, database: database)
        let courseID = try course.requireID()
        guard let enrollment = try await learning.enrollment(userID: userID, courseID: courseID) else { return nil }
        let state = try await learning.state(userID: userID, courseID: courseID, outline: outline)
        let status = Dictionary(state.rows.map { ($0.lessonContentID, $0.status) }, uniquingKeysWith: { first, _ in first })
        return LearnerCourseView(enrollment: EnrollmentDTO(enrollment), progress: learning.progress(outline: outline, state: state),
                                 lessonStatus: status)
    }

    package func requireReadable(lessonID: String, caller: AuthContext, on database: any Database) async throws {
        _ = try await LessonAccess.open(lessonID, caller: caller, learning: LearningService(platform: platform, database: database),
                                        learnerColumns: .shown)
    }

    package func quizCompleted(userID: UUID, quizID: String, on database: any Database) async throws {
        try await LearningService(platform: platform, database: database).quizSubmitted(userID: userID, quizID: quizID)
    }
}

extension EnrollmentDTO {
    package init(_ enrollment: Enrollment) {
        self.init(id: enrollment.id?.wireString ?? "", courseID: enrollment.courseID.wireString, status: enrollment.status,
                  enrolledAt: enrollment.enrolledAt, completedAt: enrollment.completedAt)
    }
}
