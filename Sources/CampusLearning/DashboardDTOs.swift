import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import CampusQuizzes
import Foundation

package struct DashboardEnrollmentDTO: Codable, Sendable {
    package var enrollmentID: String
    package var courseID: String
    package var courseSlug: String
    package var courseTitle: String
    package var contentID: String
    package var status: String
    package var enrolledAt: Date
    package var completedAt: Date?
    package var percentComplete: Int
    package var nextLesson: NextLessonDTO?

    package init(enrollmentID: String, courseID: String, courseSlug: String, courseTitle: String, contentID: String, status: String, enrolledAt: Date, completedAt: Date? = nil, percentComplete: Int, nextLesson: NextLessonDTO? = nil) {
        self.enrollmentID = enrollmentID
        self.courseID = courseID
        self.courseSlug = courseSlug
        self.courseTitle = courseTitle
        self.contentID = contentID
        self.status = status
        self.enrolledAt = enrolledAt
        self.completedAt = completedAt
        self.percentComplete = percentComplete
        self.nextLesson = nextLesson
    }

    package struct NextLessonDTO: Codable, Sendable {
        package var id: String
        package var title: String

        package init(id: String, title: String) {
            self.id = id
            self.title = title
        }
    }

    package enum CodingKeys: String, CodingKey {
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

package struct DashboardAttemptDTO: Codable, Sendable {
    package var id: String
    package var quizID: String
    package var status: String
    package var score: Int
    package var passed: Bool
    package var level: String?
    package var startedAt: Date
    package var submittedAt: Date?

    package init(id: String, quizID: String, status: String, score: Int, passed: Bool, level: String? = nil, startedAt: Date, submittedAt: Date? = nil) {
        self.id = id
        self.quizID = quizID
        self.status = status
        self.score = score
        self.passed = passed
        self.level = level
        self.startedAt = startedAt
        self.submittedAt = submittedAt
    }

    package enum CodingKeys: String, CodingKey {
        case id, status, score, passed, level
        case quizID = "quiz_id"
        case startedAt = "started_at"
        case submittedAt = "submitted_at"
    }
}

package struct DashboardDTO: Codable, Sendable {
    package var enrollments: [DashboardEnrollmentDTO]
    package var currentStreak: Int
    package var longestStreak: Int
    package var lastActiveDay: String?
    package var timeZone: String
    package var totalTimeSeconds: Int
    package var lastAttempts: [DashboardAttemptDTO]
    package var bookmarksCount: Int
    package var recentAchievements: [DashboardAchievementDTO] = []

    package init(enrollments: [DashboardEnrollmentDTO], currentStreak: Int, longestStreak: Int, lastActiveDay: String? = nil, timeZone: String, totalTimeSeconds: Int, lastAttempts: [DashboardAttemptDTO], bookmarksCount: Int) {
        self.enrollments = enrollments
        self.currentStreak = currentStreak
        self.longestStreak = longestStreak
        self.lastActiveDay = lastActiveDay
        self.timeZone = timeZone
        self.totalTimeSeconds = totalTimeSeconds
        self.lastAttempts = lastAttempts
        self.bookmarksCount = bookmarksCount
    }

    package enum CodingKeys: String, CodingKey {
        case enrollments
        case currentStreak = "current_streak"
        case longestStreak = "longest_streak"
        case lastActiveDay = "last_active_day"
        case timeZone = "time_zone"
        case totalTimeSeconds = "total_time_seconds"
        case lastAttempts = "last_attempts"
        case bookmarksCount = "bookmarks_count"
        case recentAchievements = "recent_achievements"
    }
}

extension DashboardEnrollmentDTO: JSONWritable {
    package func write(to json: inout JSONOutput) {
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
    package func write(to json: inout JSONOutput) {
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
    package func write(to json: inout JSONOutput) {
        json.beginObject()
        json.member(CodingKeys.enrollments.rawValue, enrollments)
        json.member(CodingKeys.currentStreak.rawValue, currentStreak)
        json.member(CodingKeys.longestStreak.rawValue, longestStreak)
        json.member(CodingKeys.lastActiveDay.rawValue, ifPresent: lastActiveDay)
        json.member(CodingKeys.timeZone.rawValue, timeZone)
        json.member(CodingKeys.totalTimeSeconds.rawValue, totalTimeSeconds)
        json.member(CodingKeys.lastAttempts.rawValue, lastAttempts)
        json.member(CodingKeys.bookmarksCount.rawValue, bookmarksCount)
        json.member(CodingKeys.recentAchievements.rawValue, recentAchievements)
        json.endObject()
    }
}

/// An achievement on the dashboard: the three most recent ones.
package struct DashboardAchievementDTO: Codable, Sendable, Equatable {
    package var code: String
    package var title: String
    package var icon: String?
    package var awardedAt: Date

    package init(code: String, title: String, icon: String?, awardedAt: Date) {
        self.code = code
        self.title = title
        self.icon = icon
        self.awardedAt = awardedAt
    }

    package enum CodingKeys: String, CodingKey {
        case code, title, icon
        case awardedAt = "awarded_at"
    }
}

extension DashboardAchievementDTO: JSONWritable {
    package func write(to json: inout JSONOutput) {
        json.beginObject()
        json.member(CodingKeys.code.rawValue, code)
        json.member(CodingKeys.title.rawValue, title)
        json.member(CodingKeys.icon.rawValue, ifPresent: icon)
        json.member(CodingKeys.awardedAt.rawValue, awardedAt)
        json.endObject()
    }
}
