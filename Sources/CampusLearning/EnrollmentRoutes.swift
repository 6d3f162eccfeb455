import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import CampusQuizzes
import FluentKit
import Vapor

/// `POST/DELETE /api/v1/courses/{id}/enrollment`.
package struct EnrollmentRoutes: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        let course = routes.grouped("courses", ":courseRef").grouped(RequireAuth())
        course.post("enrollment", use: enroll)
        course.delete("enrollment", use: cancel)
    }

    /// 201 with a new (or re-activated) enrollment, 200 with the existing one when already enrolled.
    @Sendable package func enroll(req: Request) async throws -> Response {
        let caller = try req.requireAuth()
        let learning = LearningService(req)
        let course = try await CourseDirectory(database: req.campusDB).visible(try req.parameters.require("courseRef"), to: caller, learners: learning.records)
        let courseID = try course.requireID()
        if let existing = try await learning.enrollment(userID: caller.userID, courseID: courseID),
           existing.statusValue != .cancelled {
            return try await EnrollmentDTO(existing).encodeResponse(status: .ok, for: req)
        }
        guard course.statusValue == .published || CourseDirectory.canManage(course, caller) else {
            throw Problem.conflict("course-not-open", "This course is archived and takes no new enrollments.")
        }
        guard try await req.catalog.accessPolicy.mayOpen(course, user: caller, on: req.campusDB) else {
            throw Problem(.paymentRequired, "payment-required", title: "Payment required",
                          detail: "This course is paid; buy it or subscribe to enroll.")
        }
        for _ in 0..<3 {
            if let existing = try await learning.enrollment(userID: caller.userID, courseID: courseID) {
                if existing.statusValue != .cancelled { return try await EnrollmentDTO(existing).encodeResponse(status: .ok, for: req) }
                existing.status = Enrollment.Status.active.rawValue
                existing.enrolledAt = learning.now
                existing.completedAt = nil
                existing.updatedBy = caller.userID
                try await existing.save(on: req.campusDB)
                let refreshed = try await learning.refreshCompletion(userID: caller.userID, course: course)
                return try await EnrollmentDTO(refreshed ?? existing).encodeResponse(status: .created, for: req)
            }
            let enrollment = Enrollment(userID: caller.userID, courseID: courseID, at: learning.now)
            do {
                try await enrollment.create(on: req.campusDB)
                return try await EnrollmentDTO(enrollment).encodeResponse(status: .created, for: req)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue   // a parallel request enrolled first: answer with that enrollment
            }
        }
        throw Problem.conflict("enrollment-busy", "The enrollment changed while it was being made; try again.")
    }

    @Sendable package func cancel(req: Request) async throws -> EnrollmentDTO {
        let caller = try req.requireAuth()
        let learning = LearningService(req)
        guard let course = try await CourseDirectory(database: req.campusDB).find(try req.parameters.require("courseRef")),
              let enrollment = try await learning.enrollment(userID: caller.userID, courseID: try course.requireID()) else {
            throw Problem.notFound("The enrollment")
        }
        if enrollment.statusValue != .cancelled {
            enrollment.status = Enrollment.Status.cancelled.rawValue
            enrollment.updatedBy = caller.userID
            try await enrollment.save(on: req.campusDB)
        }
        return EnrollmentDTO(enrollment)
    }
}
