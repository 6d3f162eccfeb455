/// Why a query gave no result in the sandbox. Each is a verdict the learner can act on; none says
/// anything about rows they were not shown.
public enum SQLRunFailure: Sendable, Equatable, Error {
    case empty
    case multipleStatements
    case tooLong(limit: Int)
    /// A statement or function that writes or reaches outside the exercise's tables (`PRAGMA`, `ATTACH`, `INSERT`…).
    case notAllowed(String)
    case timedOut(milliseconds: Int)
    case tooManyRows(limit: Int)
    case tooLarge
    /// The engine's own message (a syntax error, a missing column).
    case error(String)

    public func text(onHiddenData hidden: Bool) -> LocalizedText {
        switch self {
        case .empty:
            return LocalizedText(en: "The query is empty.", ru: "Запрос пуст.")
        case .multipleStatements:
            return LocalizedText(en: "Send one statement only.", ru: "Отправьте ровно один оператор.")
        case .tooLong(let limit):
            return LocalizedText(en: "The query is longer than \(limit) bytes.", ru: "Запрос длиннее \(limit) байт.")
        case .notAllowed(let what):
            return LocalizedText(en: "Only reading queries are allowed here (SELECT or WITH); \(what) is not.",
                                 ru: "Здесь можно только читать данные (SELECT или WITH); \(what) недоступен.")
        case .timedOut(let milliseconds):
            return LocalizedText(en: "The query ran longer than \(milliseconds) ms and was stopped.",
                                 ru: "Запрос выполнялся дольше \(milliseconds) мс и был остановлен.")
        case .tooManyRows(let limit):
            return LocalizedText(en: "The query returns more than \(limit) rows.", ru: "Запрос возвращает больше \(limit) строк.")
        case .tooLarge:
            return LocalizedText(en: "The result or one of its values is too large.", ru: "Результат или одно из его значений слишком велик.")
        case .error(let message):
            if hidden {
                return LocalizedText(en: "On another dataset with the same tables the query fails.",
                                     ru: "На другом наборе данных с теми же таблицами запрос завершается ошибкой.")
            }
            return LocalizedText(en: "The query fails: \(message)", ru: "Запрос завершился ошибкой: \(message)")
        }
    }
}
