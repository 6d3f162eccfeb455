import CampusCore
import FluentKit
import Foundation

/// A user's learning streak as last recorded; what is shown is derived from it with `StreakRules`,
/// so a streak that lapsed reads as 0 without anything rewriting the row.
final class UserStreak: Model, @unchecked Sendable {
    // Same reasoning as `User`: one instance lives inside one request's task.
    static let schema = "user_streaks"

    @ID(custom: .id, generatedBy: .user) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "current_streak") var current: Int
    @Field(key: "longest_streak") var longest: Int
    /// The user's local day (`2026-11-27`) of the last activity that counted.
    @OptionalField(key: "last_active_day") var lastActiveDay: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Timestamp(key: "deleted_at", on: .delete) var deletedAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "updated_by") var updatedBy: UUID?

    init() {}

    init(userID: UUID) {
        self.id = .v7()
        self.userID = userID
        self.current = 0
        self.longest = 0
        self.createdBy = userID
        self.updatedBy = userID
    }

    var state: StreakState {
        get { StreakState(current: current, longest: longest, lastActiveDay: lastActiveDay.flatMap(LocalDay.init(text:))) }
        set {
            current = newValue.current
            longest = newValue.longest
            lastActiveDay = newValue.lastActiveDay?.text
        }
    }
}
