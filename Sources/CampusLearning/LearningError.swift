import CampusPlatform

/// What the learning rules refuse, and the one answer each becomes.
package enum LearningError: DomainError, Equatable {
    case lessonNotFound
    case signInRequired
    case enrollmentRequired
    case enrollmentNotFound
    case courseNotOpen
    case paymentRequired
    case enrollmentBusy
    case progressBusy
    case practiceRequired([String])

    package var problem: Problem {
        switch self {
        case .lessonNotFound: Problem.notFound("The lesson")
        case .signInRequired: Problem.unauthorized
        case .enrollmentRequired:
            Problem(.forbidden, "enrollment-required", title: "Enrollment required", detail: "Enroll in the course to open this lesson.")
        case .enrollmentNotFound: Problem.notFound("The enrollment")
        case .courseNotOpen: Problem.conflict("course-not-open", "This course is archived and takes no new enrollments.")
        case .paymentRequired:
            Problem(.paymentRequired, "payment-required", title: "Payment required",
                    detail: "This course is paid; buy it or subscribe to enroll.")
        case .enrollmentBusy: Problem.conflict("enrollment-busy", "The enrollment changed while it was being made; try again.")
        case .progressBusy: Problem.conflict("progress-busy", "The lesson progress changed meanwhile; try again.")
        case .practiceRequired(let ids):
            Problem.conflict("practice-required", "Pass this lesson's practice first: \(ids.joined(separator: ", ")).")
        }
    }
}
