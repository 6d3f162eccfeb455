import Foundation
import Testing
@testable import CampusCore

@Suite("Payment and subscription states")
struct PaymentStateTests {
    @Test("a payment's status does not depend on the order its facts arrive in")
    func orderFree() {
        let events: [PaymentState.Event] = [.succeeded, .refunded(total: 300), .canceled, .refunded(total: 1000)]
        var seen: Set<PaymentStatus> = []
        for permutation in permutations(events) {
            seen.insert(permutation.reduce(PaymentState(amount: 1000)) { $0.applying($1) }.status)
        }
        #expect(seen == [.refunded])
    }

    @Test("a refund before the success still ends refunded and never grants")
    func refundFirst() {
        let state = PaymentState(amount: 1000).applying(.refunded(total: 1000)).applying(.succeeded)
        #expect(state.status == .refunded && !state.status.grantsAccess)
        let partial = PaymentState(amount: 1000).applying(.refunded(total: 400)).applying(.succeeded)
        #expect(partial.status == .partiallyRefunded && partial.status.grantsAccess && partial.refundable == 600)
    }

    @Test("refund totals only grow and never exceed the amount asked for")
    func refundTotals() {
        let state = PaymentState(amount: 1000).applying(.succeeded).applying(.refunded(total: 700)).applying(.refunded(total: 200))
        #expect(state.refunded == 700)
        #expect(PaymentState(amount: 1000).applying(.refunded(total: 5_000)).refunded == 1000)
        #expect(PaymentState(amount: 1000).status == .pending && PaymentState(amount: 1000).applying(.canceled).status == .canceled)
    }

    @Test("an ended subscription stays ended: a late invoice.paid does not revive it")
    func endedIsFinal() {
        let end = Date(timeIntervalSince1970: 2_000_000_000)
        let state = SubscriptionState(status: .incomplete, currentPeriodEnd: nil, cancelAtPeriodEnd: false)
            .applying(.ended(expired: false)).applying(.paid(periodEnd: end))
        #expect(state.status == .canceled && state.accessUntil(grace: 0) == nil)
    }

    @Test("the paid-through date only moves forward; a failure keeps access through the grace period")
    func periods() {
        let early = Date(timeIntervalSince1970: 1_000_000), late = Date(timeIntervalSince1970: 2_000_000)
        var state = SubscriptionState(status: .incomplete, currentPeriodEnd: nil, cancelAtPeriodEnd: false)
        state = state.applying(.paid(periodEnd: late)).applying(.paid(periodEnd: early))
        #expect(state.currentPeriodEnd == late && state.status == .active)
        state = state.applying(.paymentFailed)
        #expect(state.status == .pastDue && state.accessUntil(grace: 100) == late.addingTimeInterval(100))
        state = state.applying(.paid(periodEnd: late.addingTimeInterval(1000)))
        #expect(state.status == .active && state.accessUntil(grace: 100) == late.addingTimeInterval(1000))
        #expect(state.applying(.cancelRequested).cancelAtPeriodEnd)
        #expect(state.applying(.ended(expired: true)).status == .expired)
    }

    @Test("a month after the 31st is the next month's last day, in UTC")
    func monthEnd() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let start = try #require(calendar.date(from: DateComponents(year: 2027, month: 1, day: 31, hour: 12)))
        let end = BillingPeriod.month.end(after: start)
        #expect(calendar.dateComponents([.month, .day], from: end) == DateComponents(month: 2, day: 28))
        #expect(calendar.dateComponents([.year], from: BillingPeriod.year.end(after: start)).year == 2028)
    }

    private func permutations<T>(_ items: [T]) -> [[T]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index -> [[T]] in
            var rest = items
            let first = rest.remove(at: index)
            return permutations(rest).map { [first] + $0 }
        }
    }
}
