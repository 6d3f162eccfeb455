import Foundation
import Vapor

struct DashboardEnrollmentDTO: Content {
    var enrollmentID: String
    var courseID: String
    var courseSlug: String
    var courseTitle: String
    var contentID: String
    var status: String
    var enrolledAt: Date
    var completedAt: Date?
    var percentComplete: Int
    var nextLesson: NextLessonDTO?

    struct NextLessonDTO: Content {
        var id: String
        var title: String
    }

    enum CodingKeys: String, CodingKey {
        case status
        case enrollmentID = "enrollment_id"
        case courseID = "course_id"
        case courseSlug = "course_slug"
        case courseTitle = "course_title"
        case contentID = "content_id"
        case enrolledAt = "enrolled_at"
        case completedAt = "completed_at"
        case percentComplete = "percent_complete"
        case nextLesson = "next_lesson"
    }
}

struct DashboardAttemptDTO: Content {
    var id: String
    var quizID: String
    var status: String
    var score: Int
    var passed: Bool
    var level: String?
    var startedAt: Date
    var submittedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, status, score, passed, level
        case quizID = "quiz_id"
        case startedAt = "started_at"
        case submittedAt = "submitted_at"
    }
}

struct DashboardDTO: Content {
    var enrollments: [DashboardEnrollmentDTO]
    var currentStreak: Int
    var longestStreak: Int
    var lastActiveDay: String?
    var timeZone: String
    var totalTimeSeconds: Int
    var lastAttempts: [DashboardAttemptDTO]
    var bookmarksCount: Int

    enum CodingKeys: String, CodingKey {
        case enrollments
        case currentStreak = "current_streak"
        case longestStreak = "longest_streak"
        case lastActiveDay = "last_active_day"
        case timeZone = "time_zone"
        case totalTimeSeconds = "total_time_seconds"
        case lastAttempts = "last_attempts"
        case bookmarksCount = "bookmarks_count"
    }
}
