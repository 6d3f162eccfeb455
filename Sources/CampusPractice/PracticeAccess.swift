import CampusAccounts
import CampusCatalog
import CampusCore
import FluentKit
import Foundation

/// Who may open an exercise: one linked from a lesson on that lesson's terms (preview, enrollment or
/// managing its course); one in a course without a lesson, the course's learners and managers; one in
/// neither, every signed-in user.
struct PracticeAccess {
    let database: any Database
    let learners: any LearnerRecords

    func requireReadable(_ exercise: PracticeExercise, caller: AuthContext) async throws {
        if let lessonID = exercise.lessonID {
            try await learners.requireReadable(lessonID: lessonID, caller: caller, on: database)
            return
        }
        guard let courseID = exercise.courseID, let course = try await CourseDirectory(database: database).find(courseID) else { return }
        if CourseDirectory.canManage(course, caller) { return }
        guard course.statusValue == .published || course.statusValue == .archived,
              try await learners.isEnrolled(userID: caller.userID, courseID: course.requireID(), on: database) else {
            throw PracticeError.enrollmentRequired
        }
    }
}
