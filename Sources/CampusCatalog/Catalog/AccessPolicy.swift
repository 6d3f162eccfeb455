import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Foundation

/// The one question enrollment asks before letting a user into a course. Payments will answer it for
/// paid courses (a purchase or subscription grants access); until then only free courses open, except
/// to the people who manage the course.
package protocol AccessPolicy: Sendable {
    func mayOpen(_ course: Course, user: AuthContext, on database: any Database) async throws -> Bool
}

package struct FreeCoursesPolicy: AccessPolicy {
    package init() {}

    package func mayOpen(_ course: Course, user: AuthContext, on database: any Database) async throws -> Bool {
        course.isFree || CourseDirectory.canManage(course, user)
    }
}
