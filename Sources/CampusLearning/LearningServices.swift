import CampusPlatform
import Vapor

/// What the learning domain keeps for the life of the process.
package final class LearningServices: Sendable {
    /// Course titles and slugs for the dashboard, evicted when a course row changes on this instance.
    package let courseLabels: CourseLabels

    package init(courseLabels: CourseLabels) {
        self.courseLabels = courseLabels
    }
}

extension Application {
    package var learning: LearningServices {
        get { domainServices() }
        set { setDomainServices(newValue) }
    }
}

extension Request {
    package var learning: LearningServices { application.learning }
}
