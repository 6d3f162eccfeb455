import CampusPlatform
import FluentKit
import Logging
import Vapor

/// What every billing service works with: a database handle (the request's or a job's), the domain's
/// long-lived services, time and a logger.
package struct BillingContext: Sendable {
    package let database: any Database
    package let billing: BillingServices
    package let clock: CampusClock
    package let logger: Logger

    package init(database: any Database, billing: BillingServices, clock: CampusClock, logger: Logger) {
        self.database = database
        self.billing = billing
        self.clock = clock
        self.logger = logger
    }
}

/// A billing service made from a `BillingContext`.
package protocol BillingWork: Sendable {
    var context: BillingContext { get }
}

extension BillingWork {
    var database: any Database { context.database }
    var billing: BillingServices { context.billing }
    var clock: CampusClock { context.clock }
    var logger: Logger { context.logger }
}

extension Request {
    package var billingContext: BillingContext {
        BillingContext(database: campusDB, billing: billing, clock: platform.clock, logger: logger)
    }
}
