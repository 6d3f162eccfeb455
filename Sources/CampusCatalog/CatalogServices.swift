import CampusPlatform
import Vapor

/// What the catalog domain is given at start-up: who may open a course, and what learning knows about
/// a learner (both answered by other domains, wired by the app).
package final class CatalogServices: Sendable {
    /// Asked before anyone enrolls; billing replaces it with one that knows about purchases.
    package let accessPolicy: any AccessPolicy
    package let learners: any LearnerRecords
    /// Runs a practice exercise's reference before content import saves it (the practice domain).
    package let practiceValidator: (any PracticeContentValidator)?
    /// What completing a lesson asks beyond reading it (the practice domain).
    package let lessonRequirements: any LessonRequirements
    /// Course rows and catalog pages, alike for every caller (see `CatalogCache`).
    package let cache: CatalogCache

    package init(accessPolicy: any AccessPolicy, learners: any LearnerRecords, practiceValidator: (any PracticeContentValidator)? = nil,
                 lessonRequirements: any LessonRequirements = NoLessonRequirements(), cache: CatalogCache = CatalogCache()) {
        self.accessPolicy = accessPolicy
        self.learners = learners
        self.practiceValidator = practiceValidator
        self.lessonRequirements = lessonRequirements
        self.cache = cache
    }
}

extension Application {
    package var catalog: CatalogServices {
        get { domainServices() }
        set { setDomainServices(newValue) }
    }
}

extension Request {
    package var catalog: CatalogServices { application.catalog }
}
