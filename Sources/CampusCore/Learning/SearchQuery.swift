import Foundation

/// Turns what a learner types into the course search box into terms for the database's full-text
/// search.
///
/// Both SQLite FTS5 and PostgreSQL `to_tsquery` have their own query languages, where a stray `"`,
/// `:`, `*` or `(` is a syntax error (a 500 for the learner) or changes what is searched. Keeping
/// only letters and digits of any script makes every term plain text, so typing `C++ & "REST"`
/// searches for words instead of breaking the query.
public enum SearchQuery {
    /// More words than this narrow the results to nothing and only make the query slower.
    static let maximumTerms = 8
    /// No real word is longer; a pasted wall of text should not become one huge prefix.
    static let maximumTermLength = 64

    /// Lower-cased words of letters and digits, in the order typed, each once, at most
    /// `maximumTerms` of them; empty when nothing searchable is left.
    ///
    /// Operators such as AND, OR, NOT and NEAR stay as ordinary words: once quoted they are text.
    public static func terms(_ raw: String) -> [String] {
        var terms: [String] = []
        var word = String.UnicodeScalarView()
        var length = 0

        func finishWord() {
            defer {
                word = String.UnicodeScalarView()
                length = 0
            }
            guard !word.isEmpty else { return }
            let term = String(String(word).lowercased().precomposedStringWithCanonicalMapping.prefix(maximumTermLength))
            if !terms.contains(term) { terms.append(term) }
        }

        for character in raw {
            guard terms.count < maximumTerms else { break }
            let scalars = character.unicodeScalars
            guard let first = scalars.first, isWordStart(first) else {
                finishWord()
                continue
            }
            guard length < maximumTermLength else { continue }
            // Keep the accents and vowel signs that belong to the letter, drop joiners and
            // variation selectors: they are invisible and mean nothing to the search.
            word.append(contentsOf: scalars.filter(isWordPart))
            length += 1
        }
        if terms.count < maximumTerms { finishWord() }
        return terms
    }

    /// An FTS5 MATCH expression that finds rows containing words starting with every term:
    /// `"rest"* "дизайн"*`.
    public static func sqliteMatch(_ terms: [String]) -> String {
        terms.filter { !$0.isEmpty }
            .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"*" }
            .joined(separator: " ")
    }

    /// A `to_tsquery` expression with the same meaning: `rest:* & дизайн:*`.
    ///
    /// Terms from `terms(_:)` are already plain; anything else a caller passes is reduced to its
    /// letters and digits here too, because tsquery has no quoting that survives every input.
    public static func postgresTSQuery(_ terms: [String]) -> String {
        terms.map { term in
            var plain = String.UnicodeScalarView()
            plain.append(contentsOf: term.unicodeScalars.filter(isWordPart))
            return String(plain)
        }
        .filter { !$0.isEmpty }
        .map { $0 + ":*" }
        .joined(separator: " & ")
    }

    private static func isWordStart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber: true
        default: false
        }
    }

    private static func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: isWordStart(scalar)
        }
    }
}
