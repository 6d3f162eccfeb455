import CampusCore
import Foundation

/// What the dashboard reads from the relational store about one learner.
package struct DashboardRows: Sendable, Equatable {
    /// Ids stay text, lower-cased as the wire writes them: parsing and printing UUIDs through Foundation
    /// showed in the profile of a dashboard read.
    package struct Enrollment: Sendable, Equatable {
        package var id: String
        package var courseID: String
        package var status: String
        package var enrolledAt: Date
        package var completedAt: Date?
    }

    package struct Progress: Sendable, Equatable {
        package var lessonID: String
        package var status: String
        package var timeSpentSeconds: Int
        package var bookmarked: Bool
    }

    package struct Attempt: Sendable, Equatable {
        package var id: String
        package var quizID: String
        package var status: String
        package var score: Int
        package var passed: Bool
        package var level: String?
        package var startedAt: Date
        package var submittedAt: Date?
    }

    /// The newest live enrollments (not cancelled), newest first, at most `DashboardSnapshots.enrollmentLimit`.
    package var enrollments: [Enrollment] = []
    package var progress: [Progress] = []
    /// The latest attempts, latest first, at most `DashboardSnapshots.attemptLimit`.
    package var attempts: [Attempt] = []
    package var streak = StreakState()
    /// Put here by the achievements domain (`DashboardHighlights`), newest first.
    package var recentAchievements: [DashboardAchievementDTO] = []

    package init() {}
}
