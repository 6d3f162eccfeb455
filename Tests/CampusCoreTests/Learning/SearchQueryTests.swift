import Testing
@testable import CampusCore

@Suite("Search queries")
struct SearchQueryTests {
    @Test("split words on anything that is not a letter or digit", arguments: [
        ("REST-API design", ["rest", "api", "design"]),
        ("Проектирование REST API", ["проектирование", "rest", "api"]),
        ("  Дизайн,   API!  ", ["дизайн", "api"]),
        ("Swift 6 concurrency", ["swift", "6", "concurrency"]),
        ("OAuth2.0", ["oauth2", "0"]),
        ("Ёлка ЁЖИК", ["ёлка", "ёжик"]),
        ("🚀 launch 👍🏽", ["launch"]),
        ("हिन्दी पाठ", ["हिन्दी", "पाठ"]),
        ("naïve café", ["naïve", "café"]),
    ])
    func words(raw: String, expected: [String]) {
        #expect(SearchQuery.terms(raw) == expected)
    }

    @Test("leave no query syntax in hostile input", arguments: [
        ("'; DROP TABLE courses; --", ["drop", "table", "courses"]),
        ("\"unterminated", ["unterminated"]),
        ("title:foo", ["title", "foo"]),
        ("a*b", ["a", "b"]),
        (")))", []),
        ("\"\" '' ** :: && || !! ((", []),
        ("NEAR(a b) AND c OR NOT d", ["near", "a", "b", "and", "c", "or", "not", "d"]),
        ("x' OR '1'='1", ["x", "or", "1"]),
        ("{title}: ^rest", ["title", "rest"]),
        ("rest <-> api", ["rest", "api"]),
    ])
    func hostile(raw: String, expected: [String]) {
        let terms = SearchQuery.terms(raw)
        #expect(terms == expected)
        #expect(terms.allSatisfy { $0.unicodeScalars.allSatisfy { !$0.isASCII || $0.properties.isAlphabetic || ("0"..."9").contains($0) } })
    }

    @Test("find nothing to search in empty or punctuation-only input", arguments: ["", "   ", "\n\t", "...", "-- --", "\u{200D}\u{FE0F}"])
    func empty(raw: String) {
        #expect(SearchQuery.terms(raw).isEmpty)
        #expect(SearchQuery.sqliteMatch(SearchQuery.terms(raw)) == "")
        #expect(SearchQuery.postgresTSQuery(SearchQuery.terms(raw)) == "")
    }

    @Test("keep at most 8 words, the first ones typed")
    func limit() {
        let terms = SearchQuery.terms("one two three four five six seven eight nine ten")
        #expect(terms == ["one", "two", "three", "four", "five", "six", "seven", "eight"])
    }

    @Test("count a repeated word once")
    func repeated() {
        #expect(SearchQuery.terms("api API Api design api") == ["api", "design"])
        #expect(SearchQuery.terms("a a a a a a a a a b c") == ["a", "b", "c"])
    }

    @Test("cut a very long word to 64 letters")
    func longWord() {
        let terms = SearchQuery.terms(String(repeating: "Я", count: 10_000) + " api")
        #expect(terms == [String(repeating: "я", count: 64), "api"])
    }

    @Test("find decomposed letters the same as composed ones")
    func normalized() {
        let decomposed = "И\u{306}ога"  // Й typed as И + combining breve
        #expect(SearchQuery.terms(decomposed) == ["йога"])
        #expect(SearchQuery.terms(decomposed).first?.unicodeScalars.count == 4)
    }

    @Test("build an FTS5 prefix query of quoted words")
    func sqlite() {
        #expect(SearchQuery.sqliteMatch(SearchQuery.terms("REST дизайн")) == #""rest"* "дизайн"*"#)
        #expect(SearchQuery.sqliteMatch(SearchQuery.terms("'; DROP TABLE courses; --")) == #""drop"* "table"* "courses"*"#)
        #expect(SearchQuery.sqliteMatch(["say \"hi\""]) == #""say ""hi"""*"#)
        #expect(SearchQuery.sqliteMatch([]) == "")
    }

    @Test("build a PostgreSQL prefix tsquery")
    func postgres() {
        #expect(SearchQuery.postgresTSQuery(SearchQuery.terms("REST дизайн")) == "rest:* & дизайн:*")
        #expect(SearchQuery.postgresTSQuery(["api"]) == "api:*")
        #expect(SearchQuery.postgresTSQuery([]) == "")
    }

    @Test("strip tsquery syntax from terms that did not come from terms(_:)")
    func postgresDefensive() {
        #expect(SearchQuery.postgresTSQuery(["a'b", "c:*|d", "!(", ""]) == "ab:* & cd:*")
    }
}
