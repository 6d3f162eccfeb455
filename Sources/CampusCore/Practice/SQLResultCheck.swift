/// Compares a learner's query result with the reference's. Results are multisets of rows unless the
/// exercise says order matters: a duplicate row must appear as often in both. NULL equals NULL here (a
/// result is compared, not a predicate evaluated), integers equal reals of the same value, and numbers
/// equal within the exercise's tolerance.
public enum SQLResultCheck {
    public enum Verdict: Sendable, Equatable {
        case match
        case columnCount(expected: Int, actual: Int)
        case columnNames(expected: [String], actual: [String])
        case rowCount(expected: Int, actual: Int)
        /// The same rows, in another order than the exercise asks for.
        case order
        /// Some rows differ; `firstDifferentRow` is the 0-based position in order-sensitive checks.
        case rows(firstDifferentRow: Int?)

        public var passed: Bool { self == .match }
    }

    public static func compare(expected: SQLResult, actual: SQLResult, rules: SQLComparison) -> Verdict {
        guard expected.columns.count == actual.columns.count else {
            return .columnCount(expected: expected.columns.count, actual: actual.columns.count)
        }
        if rules.columnNames, expected.columns.map({ $0.lowercased() }) != actual.columns.map({ $0.lowercased() }) {
            return .columnNames(expected: expected.columns, actual: actual.columns)
        }
        guard expected.rows.count == actual.rows.count else {
            return .rowCount(expected: expected.rows.count, actual: actual.rows.count)
        }
        let tolerance = rules.floatTolerance
        if rules.orderMatters {
            if let index = expected.rows.indices.first(where: { !equal(expected.rows[$0], actual.rows[$0], tolerance) }) {
                return sameMultiset(expected.rows, actual.rows, tolerance) ? .order : .rows(firstDifferentRow: index)
            }
            return .match
        }
        return sameMultiset(expected.rows, actual.rows, tolerance) ? .match : .rows(firstDifferentRow: nil)
    }

    static func equal(_ left: [SQLValue], _ right: [SQLValue], _ tolerance: Double) -> Bool {
        left.count == right.count && zip(left, right).allSatisfy { equal($0, $1, tolerance) }
    }

    static func equal(_ left: SQLValue, _ right: SQLValue, _ tolerance: Double) -> Bool {
        if let a = left.number, let b = right.number {
            if a == b { return true }
            guard a.isFinite, b.isFinite else { return false }
            return abs(a - b) <= tolerance * max(1, abs(a), abs(b))
        }
        return left == right
    }

    /// Rows are bucketed by everything but their numbers (exact), then matched within a bucket with the
    /// tolerance: a row of the learner's may stand for one reference row only.
    static func sameMultiset(_ expected: [[SQLValue]], _ actual: [[SQLValue]], _ tolerance: Double) -> Bool {
        var buckets: [[SQLValue]: [[SQLValue]]] = [:]
        for row in actual { buckets[shape(row), default: []].append(row) }
        for row in expected {
            let key = shape(row)
            guard var candidates = buckets[key],
                  let index = candidates.firstIndex(where: { equal(row, $0, tolerance) }) else { return false }
            candidates.remove(at: index)
            buckets[key] = candidates
        }
        return true
    }

    /// The row with every number replaced by one marker, so rows that may match share a bucket.
    private static func shape(_ row: [SQLValue]) -> [SQLValue] {
        row.map { $0.number == nil ? $0 : .integer(0) }
    }
}
