import Foundation

/// The languages exercises and Campus's own check messages are written in.
public enum PracticeLanguage: String, Sendable, CaseIterable {
    case en, ru

    /// The first supported language of an `Accept-Language` header (`ru-RU,ru;q=0.9,en;q=0.8`), by weight.
    public static func preferred(acceptLanguage header: String?) -> PracticeLanguage? {
        guard let header else { return nil }
        let ranked = header.split(separator: ",").compactMap { part -> (PracticeLanguage, Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased().split(separator: "-").first,
                  let language = PracticeLanguage(rawValue: String(tag)) else { return nil }
            let weight = pieces.dropFirst().first { $0.lowercased().hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return weight > 0 ? (language, weight) : nil
        }
        return ranked.max { $0.1 < $1.1 }?.0
    }
}
