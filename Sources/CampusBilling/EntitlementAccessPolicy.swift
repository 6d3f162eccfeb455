import CampusAccounts
import CampusCatalog
import CampusPlatform
import FluentKit
import Foundation

/// A course opens when it is free, to its managers, or to a learner with a live entitlement that covers
/// it: bought alone, or through a plan over all courses, its category or a track that holds it. An
/// entitlement revoked (a full refund) or lapsed (a subscription's paid-through date plus grace) closes it.
package struct EntitlementAccessPolicy: AccessPolicy {
    let clock: CampusClock

    package init(clock: CampusClock) {
        self.clock = clock
    }

    package func mayOpen(_ course: Course, user: AuthContext, on database: any Database) async throws -> Bool {
        if course.isFree || CourseDirectory.canManage(course, user) { return true }
        return try await BillingStore(database: database).covers(userID: user.userID, courseID: try course.requireID(),
                                                                 categoryID: course.categoryID, at: clock.now())
    }
}
