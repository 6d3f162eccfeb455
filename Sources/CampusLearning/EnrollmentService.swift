import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import FluentKit
import Foundation

/// Enrolling in a course and leaving it.
package struct EnrollmentService: Sendable {
    package let learning: LearningService
    package let accessPolicy: any AccessPolicy

    package init(_ learning: LearningService, accessPolicy: any AccessPolicy) {
        self.learning = learning
        self.accessPolicy = accessPolicy
    }

    private var database: any Database { learning.database }

    /// A new (or re-activated) enrollment with `created`, or the existing one when already enrolled.
    package func enroll(courseRef: String, caller: AuthContext) async throws -> (enrollment: EnrollmentDTO, created: Bool) {
        let course = try await CourseDirectory(database: database).visible(courseRef, to: caller, learners: learning.records)
        let courseID = try course.requireID()
        if let existing = try await learning.enrollment(userID: caller.userID, courseID: courseID),
           existing.statusValue != .cancelled {
            return (EnrollmentDTO(existing), false)
        }
        guard course.statusValue == .published || CourseDirectory.canManage(course, caller) else { throw LearningError.courseNotOpen }
        guard try await accessPolicy.mayOpen(course, user: caller, on: database) else { throw LearningError.paymentRequired }
        for _ in 0..<3 {
            if let existing = try await learning.enrollment(userID: caller.userID, courseID: courseID) {
                if existing.statusValue != .cancelled { return (EnrollmentDTO(existing), false) }
                existing.status = Enrollment.Status.active.rawValue
                existing.enrolledAt = learning.now
                existing.completedAt = nil
                existing.updatedBy = caller.userID
                try await existing.save(on: database)
                let refreshed = try await learning.refreshCompletion(userID: caller.userID, course: course)
                return (try await announce(EnrollmentDTO(refreshed ?? existing), course: course, caller: caller), true)
            }
            let enrollment = Enrollment(userID: caller.userID, courseID: courseID, at: learning.now)
            do {
                try await enrollment.create(on: database)
                return (try await announce(EnrollmentDTO(enrollment), course: course, caller: caller), true)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue   // a parallel request enrolled first: answer with that enrollment
            }
        }
        throw LearningError.enrollmentBusy
    }

    private func announce(_ dto: EnrollmentDTO, course: Course, caller: AuthContext) async throws -> EnrollmentDTO {
        var dto = dto
        dto.awarded = await learning.platform.activity.record(.init(.enrolled, userID: caller.userID, reference: course.contentID), on: database)
        return dto
    }

    package func cancel(courseRef: String, caller: AuthContext) async throws -> EnrollmentDTO {
        guard let course = try await CourseDirectory(database: database).find(courseRef),
              let enrollment = try await learning.enrollment(userID: caller.userID, courseID: try course.requireID()) else {
            throw LearningError.enrollmentNotFound
        }
        if enrollment.statusValue != .cancelled {
            enrollment.status = Enrollment.Status.cancelled.rawValue
            enrollment.updatedBy = caller.userID
            try await enrollment.save(on: database)
        }
        return EnrollmentDTO(enrollment)
    }
}
