import Foundation
import Vapor

struct AdminRoleRequest: Content {
    var role: String?
}

struct CourseReportDTO: Content {
    var courseID: String
    var slug: String
    var title: String
    var status: String
    var enrollments: Int
    var completedEnrollments: Int
    var activeLearners7d: Int
    /// Completed ÷ enrollments that were not cancelled, 0…1; null without enrollments.
    var completionRate: Double?
    var quizAttempts: Int
    var averageScore: Double?
    var passRate: Double?

    enum CodingKeys: String, CodingKey {
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
