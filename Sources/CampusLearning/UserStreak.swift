import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import CampusQuizzes
import FluentKit
import Foundation

/// A user's learning streak as last recorded; what is shown is derived from it with `StreakRules`,
/// so a streak that lapsed reads as 0 without anything rewriting the row.
package final class UserStreak: Model, @unchecked Sendable {
    // Same reasoning as `User`: one instance lives inside one request's task.
    package static let schema = "user_streaks"

    @ID(custom: .id, generatedBy: .user) package var id: UUID?
    @Field(key: "user_id") package var userID: UUID
    @Field(key: "current_streak") package var current: Int
    @Field(key: "longest_streak") package var longest: Int
    /// The user's local day (`2026-11-27`) of the last activity that counted.
    @OptionalField(key: "last_active_day") package var lastActiveDay: String?
    @Timestamp(key: "created_at", on: .create) package var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) package var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) package var deletedAt: Date?
    @OptionalField(key: "created_by") package var createdBy: UUID?
    @OptionalField(key: "updated_by") package var updatedBy: UUID?

    package init() {}

    package init(userID: UUID) {
        self.id = .v7()
        self.userID = userID
        self.current = 0
        self.longest = 0
        self.createdBy = userID
        self.updatedBy = userID
    }

    package var state: StreakState {
        get { StreakState(current: current, longest: longest, lastActiveDay: lastActiveDay.flatMap(LocalDay.init(text:))) }
        set {
            current = newValue.current
            longest = newValue.longest
            lastActiveDay = newValue.lastActiveDay?.text
        }
    }
}
