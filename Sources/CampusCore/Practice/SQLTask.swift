/// An SQL exercise: the learner's query is compared with the reference's result, first on the rows the
/// learner can see, then on hidden rows of the same tables.
public struct SQLTask: Sendable, Equatable {
    public enum Dialect: String, Sendable, CaseIterable {
        case sqlite, postgresql
    }

    public enum Dataset: String, Sendable, CaseIterable {
        case visible, hidden
    }

    public struct Limits: Sendable, Equatable {
        public var timeMilliseconds: Int
        public var rows: Int

        public static let timeRange = 10...10_000
        public static let rowRange = 1...10_000

        public init(timeMilliseconds: Int = 2_000, rows: Int = 1_000) {
            self.timeMilliseconds = timeMilliseconds
            self.rows = rows
        }
    }

    public var dialect: Dialect
    public var schema: String
    public var visible: String
    public var hidden: String
    public var reference: String
    public var compare: SQLComparison
    public var limits: Limits

    public init(dialect: Dialect = .sqlite, schema: String, visible: String, hidden: String, reference: String,
                compare: SQLComparison = SQLComparison(), limits: Limits = Limits()) {
        self.dialect = dialect
        self.schema = schema
        self.visible = visible
        self.hidden = hidden
        self.reference = reference
        self.compare = compare
        self.limits = limits
    }

    public func script(for dataset: Dataset) -> String {
        dataset == .visible ? visible : hidden
    }
}
