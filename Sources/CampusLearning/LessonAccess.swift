import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import CampusQuizzes
import FluentKit
import Foundation

/// A lesson together with its course and what the caller may do with it.
package struct LessonAccess {
    package var lessonID: String
    package var document: JSONObject
    /// Shared with other readers (see `CourseDirectory.cache`): never changed.
    package var course: Course
    /// The caller's enrollment and progress on the lesson, as read together; nil for a caller not enrolled.
    package var learner: LearnerRow?
    /// The lesson's practice exercises, with the caller's standing when enrolled (asked for with `withPractices`).
    package var practices: [LessonPracticeLink] = []
    package var canManage: Bool

    package init(lessonID: String, document: JSONObject, course: Course, learner: LearnerRow? = nil, canManage: Bool) {
        self.lessonID = lessonID
        self.document = document
        self.course = course
        self.learner = learner
        self.canManage = canManage
    }

    package var isPreview: Bool { document["preview"]?.boolValue ?? false }
    package var isEnrolled: Bool { learner.map { $0.status != .cancelled } ?? false }

    /// The caller's enrollment as a model, for changing it.
    package func enrollment() throws -> Enrollment? { try learner?.enrollment() }

    /// Readable: preview lessons of a visible course by anyone; others by enrolled users and the
    /// course's managers. Anonymous callers of a non-preview lesson get 401, signed-in outsiders 403.
    /// `learnerColumns`: `.shown` for a caller that only shows the learner's standing, `.whole` for one that changes it.
    static func open(_ lessonID: String, caller: AuthContext?, learning: LearningService, withPractices: Bool = false,
                     learnerColumns: LearnerRow.Columns = .whole) async throws -> LessonAccess {
        guard lessonID.hasPrefix("lesson:"), lessonID.count <= 200,
              let document = try await learning.content.get(ContentCollection.lessons, id: lessonID),
              let courseRef = document["course_id"]?.stringValue else {
            throw LearningError.lessonNotFound
        }
        let directory = CourseDirectory(database: learning.database, cache: learning.catalogCache, now: learning.now)
        guard let course = try await directory.findVisible(courseRef, to: caller, learners: learning.records) else {
            throw LearningError.lessonNotFound
        }
        let practices = withPractices ? try await learning.lessonRequirements.exercises(lessonID: lessonID) : []
        // More exercises than this on one lesson are asked for in a statement of their own.
        let askedAlong = practices.count <= 8 ? practices.map(\.id) : []
        let learner = if let caller {
            try await Enrollment.load(userID: caller.userID, courseID: try course.requireID(), lessonID: lessonID, passedAmong: askedAlong,
                                      columns: learnerColumns, on: learning.database)
        } else { LearnerRow?.none }
        var access = LessonAccess(lessonID: lessonID, document: document, course: course, learner: learner,
                                  canManage: CourseDirectory.canManage(course, caller))
        if let caller, access.isEnrolled, let learner {
            access.practices = askedAlong.isEmpty && !practices.isEmpty
                ? try await learning.lessonRequirements.practices(lessonID: lessonID, userID: caller.userID, on: learning.database)
                : practices.map { link in
                    var link = link
                    link.passed = learner.passed.contains(link.id)
                    return link
                }
        } else {
            access.practices = practices
        }
        if access.isPreview || access.canManage { return access }
        if access.isEnrolled, let caller {
            // Enrolled in a paid course through a purchase or plan: it stays open only while that lasts.
            if !course.isFree, let policy = learning.accessPolicy, try await !policy.mayOpen(course, user: caller, on: learning.database) {
                throw LearningError.paymentRequired
            }
            return access
        }
        if caller == nil { throw LearningError.signInRequired }
        throw LearningError.enrollmentRequired
    }

    /// Progress is kept only for enrolled users.
    package func requireEnrolled() throws {
        guard isEnrolled else { throw LearningError.enrollmentRequired }
    }
}
