import CampusCore
import FluentKit
import Foundation

/// The one question enrollment asks before letting a user into a course. Payments will answer it for
/// paid courses (a purchase or subscription grants access); until then only free courses open, except
/// to the people who manage the course.
protocol AccessPolicy: Sendable {
    func mayOpen(_ course: Course, user: AuthContext, on database: any Database) async throws -> Bool
}

struct FreeCoursesPolicy: AccessPolicy {
    func mayOpen(_ course: Course, user: AuthContext, on database: any Database) async throws -> Bool {
        course.isFree || CourseDirectory.canManage(course, user)
    }
}
