import CampusCore
import FluentKit
import Foundation

/// A lesson together with its course and what the caller may do with it.
struct LessonAccess {
    var lessonID: String
    var document: JSONObject
    var course: Course
    var enrollment: Enrollment?
    var canManage: Bool

    var isPreview: Bool { document["preview"]?.boolValue ?? false }
    var isEnrolled: Bool { enrollment.map { $0.statusValue != .cancelled } ?? false }

    /// Readable: preview lessons of a visible course by anyone; others by enrolled users and the
    /// course's managers. Anonymous callers of a non-preview lesson get 401, signed-in outsiders 403.
    static func open(_ lessonID: String, caller: AuthContext?, learning: LearningService) async throws -> LessonAccess {
        guard lessonID.hasPrefix("lesson:"), lessonID.count <= 200,
              let document = try await learning.content.get(ContentCollection.lessons, id: lessonID),
              let courseRef = document["course_id"]?.stringValue else {
            throw Problem.notFound("The lesson")
        }
        let directory = CourseDirectory(database: learning.database)
        let course: Course
        do {
            course = try await directory.visible(courseRef, to: caller)
        } catch let problem as Problem where problem.status == .notFound {
            throw Problem.notFound("The lesson")
        }
        let enrollment = if let caller { try await learning.enrollment(userID: caller.userID, courseID: try course.requireID()) } else { Enrollment?.none }
        let access = LessonAccess(lessonID: lessonID, document: document, course: course, enrollment: enrollment,
                                  canManage: CourseDirectory.canManage(course, caller))
        if access.isPreview || access.isEnrolled || access.canManage { return access }
        if caller == nil { throw Problem.unauthorized }
        throw Self.enrollmentRequired
    }

    /// Progress is kept only for enrolled users.
    func requireEnrolled() throws {
        guard isEnrolled else { throw Self.enrollmentRequired }
    }

    static let enrollmentRequired = Problem(.forbidden, "enrollment-required", title: "Enrollment required",
                                            detail: "Enroll in the course to open this lesson.")
}
