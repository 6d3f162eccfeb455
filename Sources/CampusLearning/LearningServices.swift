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
    private struct LearningKey: StorageKey {
        typealias Value = LearningServices
    }

    package var learning: LearningServices {
        get {
            guard let services = storage[LearningKey.self] else { fatalError("Campus is used before CampusApp.configure ran") }
            return services
        }
        set { storage[LearningKey.self] = newValue }
    }
}

extension Request {
    package var learning: LearningServices { application.learning }
}
