/// How an exercise compares the learner's result with the reference's (`compare` in `practice_content`).
public struct SQLComparison: Sendable, Equatable {
    /// Rows must come in the reference's order; otherwise results are compared as multisets.
    public var orderMatters: Bool
    /// Column names must match (ignoring letter case); otherwise only their number and positions count.
    public var columnNames: Bool
    /// Two numbers are equal when they differ by at most this much (relative above 1).
    public var floatTolerance: Double

    public init(orderMatters: Bool = false, columnNames: Bool = true, floatTolerance: Double = 1e-9) {
        self.orderMatters = orderMatters
        self.columnNames = columnNames
        self.floatTolerance = floatTolerance
    }
}
