import Testing
@testable import CampusCore

@Suite("Comparing SQL results")
struct SQLResultCheckTests {
    private func result(_ columns: [String], _ rows: [[SQLValue]]) -> SQLResult { SQLResult(columns: columns, rows: rows) }

    private let reference = SQLResult(columns: ["name", "total"], rows: [
        [.text("Анна"), .integer(3)], [.text("Bob"), .real(2.5)], [.text("Bob"), .real(2.5)], [.null, .integer(0)],
    ])

    @Test("rows in another order match unless order matters, and then the verdict says it is the order")
    func order() {
        let shuffled = result(["name", "total"], reference.rows.reversed())
        #expect(SQLResultCheck.compare(expected: reference, actual: shuffled, rules: .init()) == .match)
        #expect(SQLResultCheck.compare(expected: reference, actual: shuffled, rules: .init(orderMatters: true)) == .order)
        #expect(SQLResultCheck.compare(expected: reference, actual: reference, rules: .init(orderMatters: true)) == .match)
    }

    @Test("duplicate rows count: a result is a multiset")
    func duplicates() {
        let once = result(["name", "total"], [[.text("Анна"), .integer(3)], [.text("Bob"), .real(2.5)],
                                              [.null, .integer(0)], [.text("Анна"), .integer(3)]])
        #expect(SQLResultCheck.compare(expected: reference, actual: once, rules: .init()) == .rows(firstDifferentRow: nil))
    }

    @Test("column names count ignoring case unless the exercise says they do not; their number always counts")
    func columns() {
        let renamed = result(["NAME", "sum"], reference.rows)
        #expect(SQLResultCheck.compare(expected: reference, actual: renamed, rules: .init())
                == .columnNames(expected: ["name", "total"], actual: ["NAME", "sum"]))
        #expect(SQLResultCheck.compare(expected: reference, actual: renamed, rules: .init(columnNames: false)) == .match)
        #expect(SQLResultCheck.compare(expected: reference, actual: result(["NAME", "TOTAL"], reference.rows), rules: .init()) == .match)
        #expect(SQLResultCheck.compare(expected: reference, actual: result(["name"], reference.rows.map { [$0[0]] }), rules: .init(columnNames: false))
                == .columnCount(expected: 2, actual: 1))
    }

    @Test("NULL equals NULL, and NULL is not 0, not the empty string")
    func nulls() {
        func with(_ value: SQLValue) -> SQLResult {
            result(["name", "total"], [[.text("Анна"), .integer(3)], [.text("Bob"), .real(2.5)], [.text("Bob"), .real(2.5)], [value, .integer(0)]])
        }
        #expect(SQLResultCheck.compare(expected: reference, actual: with(.null), rules: .init()) == .match)
        #expect(!SQLResultCheck.compare(expected: reference, actual: with(.text("")), rules: .init()).passed)
        #expect(!SQLResultCheck.compare(expected: reference, actual: with(.integer(0)), rules: .init()).passed)
    }

    @Test("numbers compare within the tolerance, integers equal reals of the same value", arguments: [
        (SQLValue.real(2.5000000001), 1e-9, true), (.real(2.51), 1e-9, false), (.real(2.51), 0.01, true),
        (.integer(3), 0, false), (.real(2.5), 0, true), (.text("2.5"), 1, false),
    ])
    func tolerance(value: SQLValue, tolerance: Double, matches: Bool) {
        let expected = result(["x"], [[.real(2.5)]])
        #expect(SQLResultCheck.compare(expected: expected, actual: result(["x"], [[value]]), rules: .init(floatTolerance: tolerance)).passed == matches)
        #expect(SQLResultCheck.compare(expected: result(["x"], [[.integer(2)]]), actual: result(["x"], [[.real(2.0)]]), rules: .init(floatTolerance: 0)).passed)
    }

    @Test("a different number of rows is named on the visible data, and nothing about the hidden data leaks")
    func messages() {
        let fewer = result(["name", "total"], Array(reference.rows.prefix(2)))
        let verdict = SQLResultCheck.compare(expected: reference, actual: fewer, rules: .init())
        #expect(verdict == .rowCount(expected: 4, actual: 2))
        #expect(verdict.message(onHiddenData: false) == "The result has 2 rows; 4 are expected.")
        let hidden = verdict.message(onHiddenData: true)
        #expect(!hidden.contains("4") && !hidden.contains("2"))
        #expect(SQLResultCheck.compare(expected: reference, actual: reference, rules: .init(orderMatters: true)).message(onHiddenData: false) == "The result matches.")
    }
}
