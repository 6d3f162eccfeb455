import CampusPlatform
import Vapor

/// What the catalog domain is given at start-up: who may open a course, and what learning knows about
/// a learner (both answered by other domains, wired by the app).
package final class CatalogServices: Sendable {
    /// Asked before anyone enrolls; billing replaces it with one that knows about purchases.
    package let accessPolicy: any AccessPolicy
    package let learners: any LearnerRecords

    package init(accessPolicy: any AccessPolicy, learners: any LearnerRecords) {
        self.accessPolicy = accessPolicy
        self.learners = learners
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
