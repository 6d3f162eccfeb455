extension SQLResultCheck.Verdict {
    /// What the learner is told. On the hidden dataset nothing about its rows is said, only that the query
    /// depends on the rows it was shown.
    public func message(onHiddenData hidden: Bool) -> String {
        let elsewhere = "On another dataset with the same tables your query gives a different result: make sure it does not rely on the particular rows shown."
        switch self {
        case .match:
            return hidden ? "The query also gives the right result on another dataset." : "The result matches."
        case .columnCount(let expected, let actual):
            return "The result has \(actual) column\(actual == 1 ? "" : "s"); \(expected) \(expected == 1 ? "is" : "are") expected."
        case .columnNames(let expected, let actual):
            return "The columns are named \(actual.joined(separator: ", ")); expected \(expected.joined(separator: ", "))."
        case .rowCount(let expected, let actual):
            return hidden ? elsewhere : "The result has \(actual) row\(actual == 1 ? "" : "s"); \(expected) \(expected == 1 ? "is" : "are") expected."
        case .order:
            return hidden ? elsewhere : "The rows are right but not in the order the task asks for."
        case .rows(let index):
            if hidden { return elsewhere }
            return index.map { "Row \($0 + 1) differs from the expected result." } ?? "Some rows differ from the expected result."
        }
    }
}

extension SQLResultCheck.Verdict {
    /// The message in both languages.
    public func text(onHiddenData hidden: Bool) -> LocalizedText {
        LocalizedText(en: message(onHiddenData: hidden), ru: russianMessage(onHiddenData: hidden))
    }

    func russianMessage(onHiddenData hidden: Bool) -> String {
        let elsewhere = "На другом наборе данных с теми же таблицами запрос даёт другой результат: проверьте, что он не опирается на конкретные строки из примера."
        switch self {
        case .match:
            return hidden ? "Запрос верно работает и на другом наборе данных." : "Результат совпадает."
        case .columnCount(let expected, let actual):
            return "В результате столбцов: \(actual); ожидается: \(expected)."
        case .columnNames(let expected, let actual):
            return "Столбцы называются \(actual.joined(separator: ", ")); ожидаются \(expected.joined(separator: ", "))."
        case .rowCount(let expected, let actual):
            return hidden ? elsewhere : "В результате строк: \(actual); ожидается: \(expected)."
        case .order:
            return hidden ? elsewhere : "Строки верные, но порядок не тот, что требуется в задании."
        case .rows(let index):
            if hidden { return elsewhere }
            return index.map { "Строка \($0 + 1) отличается от ожидаемой." } ?? "Некоторые строки отличаются от ожидаемых."
        }
    }
}
