import CampusCore
import Foundation

struct DashboardEnrollmentDTO: Codable, Sendable {
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

    struct NextLessonDTO: Codable, Sendable {
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

struct DashboardAttemptDTO: Codable, Sendable {
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

struct DashboardDTO: Codable, Sendable {
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

extension DashboardEnrollmentDTO: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.member(CodingKeys.enrollmentID.rawValue, enrollmentID)
        json.member(CodingKeys.courseID.rawValue, courseID)
        json.member(CodingKeys.courseSlug.rawValue, courseSlug)
        json.member(CodingKeys.courseTitle.rawValue, courseTitle)
        json.member(CodingKeys.contentID.rawValue, contentID)
        json.member(CodingKeys.status.rawValue, status)
        json.member(CodingKeys.enrolledAt.rawValue, enrolledAt)
        json.member(CodingKeys.completedAt.rawValue, ifPresent: completedAt)
        json.member(CodingKeys.percentComplete.rawValue, percentComplete)
        if let nextLesson {
            json.key(CodingKeys.nextLesson.rawValue)
            json.beginObject()
            json.member("id", nextLesson.id)
            json.member("title", nextLesson.title)
            json.endObject()
        }
        json.endObject()
    }
}

extension DashboardAttemptDTO: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.member(CodingKeys.id.rawValue, id)
        json.member(CodingKeys.quizID.rawValue, quizID)
        json.member(CodingKeys.status.rawValue, status)
        json.member(CodingKeys.score.rawValue, score)
        json.member(CodingKeys.passed.rawValue, passed)
        json.member(CodingKeys.level.rawValue, ifPresent: level)
        json.member(CodingKeys.startedAt.rawValue, startedAt)
        json.member(CodingKeys.submittedAt.rawValue, ifPresent: submittedAt)
        json.endObject()
    }
}

extension DashboardDTO: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.member(CodingKeys.enrollments.rawValue, enrollments)
        json.member(CodingKeys.currentStreak.rawValue, currentStreak)
        json.member(CodingKeys.longestStreak.rawValue, longestStreak)
        json.member(CodingKeys.lastActiveDay.rawValue, ifPresent: lastActiveDay)
        json.member(CodingKeys.timeZone.rawValue, timeZone)
        json.member(CodingKeys.totalTimeSeconds.rawValue, totalTimeSeconds)
        json.member(CodingKeys.lastAttempts.rawValue, lastAttempts)
        json.member(CodingKeys.bookmarksCount.rawValue, bookmarksCount)
        json.endObject()
    }
}
