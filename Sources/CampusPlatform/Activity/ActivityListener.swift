import FluentKit
import NIOConcurrencyHelpers

/// Hears learners' activity. The achievements domain implements it; the domains below announce through
/// `ActivityHub` without knowing who listens. A listener never fails the action it hears about: what it
/// cannot do now, it does later from the recorded facts.
package protocol ActivityListener: Sendable {
    func recorded(_ activity: LearnerActivity, on database: any Database) async -> [EarnedAward]
}

/// Where domains announce activity. Built with the platform; the app plugs the listener in once the
/// domain above is built.
package final class ActivityHub: Sendable {
    private let listener = NIOLockedValueBox<(any ActivityListener)?>(nil)

    package init() {}

    package func listen(with listener: any ActivityListener) {
        self.listener.withLockedValue { $0 = listener }
    }

    package func record(_ activity: LearnerActivity, on database: any Database) async -> [EarnedAward] {
        guard let listener = listener.withLockedValue({ $0 }) else { return [] }
        return await listener.recorded(activity, on: database)
    }
}
