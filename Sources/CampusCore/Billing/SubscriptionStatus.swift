/// Where a subscription stands.
public enum SubscriptionStatus: String, Sendable, Codable, CaseIterable {
    /// Awaiting its first payment; grants nothing.
    case incomplete
    case active
    /// A renewal failed; access continues through the grace period while it is retried.
    case pastDue = "past_due"
    /// Ended by the learner (at the period's end) or by the provider.
    case canceled
    /// Renewals failed past the grace period.
    case expired

    public var isFinal: Bool { self == .canceled || self == .expired }
    public var grantsAccess: Bool { self == .active || self == .pastDue }
}
