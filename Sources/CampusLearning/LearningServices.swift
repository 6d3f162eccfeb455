import CampusPlatform
import Vapor

/// What the learning domain keeps for the life of the process.
package final class LearningServices: Sendable {
    /// Course titles and slugs for the dashboard, evicted when a course row changes on this instance.
    package let courseLabels: CourseLabels
    /// The dashboard's recent achievements (the achievements domain).
    package let recentAchievements: any RecentAchievements

    package init(courseLabels: CourseLabels, recentAchievements: any RecentAchievements = NoRecentAchievements()) {
        self.courseLabels = courseLabels
        self.recentAchievements = recentAchievements
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
