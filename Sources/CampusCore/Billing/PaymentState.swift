/// What the providers have told Campus about one payment, merged so that the order in which their
/// notifications arrive does not matter: each fact only ever grows (captured, canceled, refunded total),
/// and the status is read off the facts.
public struct PaymentState: Sendable, Equatable {
    /// What Campus asked for; what a notification claims never changes it.
    public let amount: Int64
    public private(set) var captured: Bool
    public private(set) var canceled: Bool
    /// Cumulative, as both providers report it.
    public private(set) var refunded: Int64

    public enum Event: Sendable, Equatable {
        case succeeded
        case canceled
        /// The refunded total so far (not the increment), capped at the amount.
        case refunded(total: Int64)
    }

    public init(amount: Int64, captured: Bool = false, canceled: Bool = false, refunded: Int64 = 0) {
        self.amount = amount
        self.captured = captured
        self.canceled = canceled
        self.refunded = min(max(0, refunded), amount)
    }

    public init(amount: Int64, status: PaymentStatus, refunded: Int64) {
        self.init(amount: amount, captured: status != .pending && status != .canceled, canceled: status == .canceled, refunded: refunded)
    }

    public func applying(_ event: Event) -> PaymentState {
        var next = self
        switch event {
        case .succeeded: next.captured = true
        case .canceled: next.canceled = true
        case .refunded(let total):
            // Only captured money can be refunded, so a refund that arrives first also says it was captured.
            next.refunded = max(refunded, min(max(0, total), amount))
            if next.refunded > 0 { next.captured = true }
        }
        return next
    }

    public var status: PaymentStatus {
        if refunded > 0 { return refunded >= amount ? .refunded : .partiallyRefunded }
        // Money moved beats a cancellation seen out of order.
        if captured { return .succeeded }
        if canceled { return .canceled }
        return .pending
    }

    public var refundable: Int64 { status.grantsAccess ? amount - refunded : 0 }
}
