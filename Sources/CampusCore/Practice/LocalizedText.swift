/// Author text given once or per language: `"Overdue orders"` or `{"en": "Overdue orders", "ru": "…"}`.
public struct LocalizedText: Sendable, Equatable, ExpressibleByStringLiteral {
    public var en: String?
    public var ru: String?

    public init(en: String? = nil, ru: String? = nil) {
        self.en = en
        self.ru = ru
    }

    public init(stringLiteral value: String) {
        self.init(en: value)
    }

    /// Reads a string or an object with `en` and/or `ru`; nil for anything else or an empty text.
    public init?(_ value: JSONValue?) {
        switch value {
        case .string(let text) where !text.isEmpty:
            self.init(en: text)
        case .object(let members):
            // Each language present is a non-empty string: an empty one would show a blank instead of the other language.
            guard !members.isEmpty, members.allSatisfy({ ($0.key == "en" || $0.key == "ru") && $0.value.stringValue?.isEmpty == false })
            else { return nil }
            self.init(en: members["en"]?.stringValue, ru: members["ru"]?.stringValue)
        default:
            return nil
        }
    }

    /// The text in `language`, else in English, else in Russian.
    public func text(in language: PracticeLanguage) -> String {
        let asked = language == .ru ? ru : en
        return asked ?? en ?? ru ?? ""
    }

    /// The stored form: `{"en": …, "ru": …}` with the languages given.
    public var json: JSONValue {
        var members: JSONObject = [:]
        if let en { members["en"] = .string(en) }
        if let ru { members["ru"] = .string(ru) }
        return .object(members)
    }
}
