/// Where a payment stands, as learners and the revenue report see it.
public enum PaymentStatus: String, Sendable, Codable, CaseIterable {
    case pending
    case succeeded
    case canceled
    case refunded
    case partiallyRefunded = "partially_refunded"

    /// What it bought is open to the learner.
    public var grantsAccess: Bool { self == .succeeded || self == .partiallyRefunded }
}
