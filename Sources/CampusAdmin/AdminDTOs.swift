import CampusAccounts
import CampusCatalog
import CampusPlatform
import Foundation
import Vapor

package struct AdminRoleRequest: Content {
    package var role: String?

    package init(role: String? = nil) {
        self.role = role
    }
}

package struct CourseReportDTO: Content {
    package var courseID: String
    package var slug: String
    package var title: String
    package var status: String
    package var enrollments: Int
    package var completedEnrollments: Int
    package var activeLearners7d: Int
    /// Completed ÷ enrollments that were not cancelled, 0…1; null without enrollments.
    package var completionRate: Double?
    package var quizAttempts: Int
    package var averageScore: Double?
    package var passRate: Double?

    package init(courseID: String, slug: String, title: String, status: String, enrollments: Int, completedEnrollments: Int, activeLearners7d: Int, completionRate: Double? = nil, quizAttempts: Int, averageScore: Double? = nil, passRate: Double? = nil) {
        self.courseID = courseID
        self.slug = slug
        self.title = title
        self.status = status
        self.enrollments = enrollments
        self.completedEnrollments = completedEnrollments
        self.activeLearners7d = activeLearners7d
        self.completionRate = completionRate
        self.quizAttempts = quizAttempts
        self.averageScore = averageScore
        self.passRate = passRate
    }

    package enum CodingKeys: String, CodingKey {
        case slug, title, status, enrollments
        case courseID = "course_id"
        case completedEnrollments = "completed_enrollments"
        case activeLearners7d = "active_learners_7d"
        case completionRate = "completion_rate"
        case quizAttempts = "quiz_attempts"
        case averageScore = "average_score"
        case passRate = "pass_rate"
    }
}
