import Testing
@testable import CampusCore

@Suite("Splitting SQL scripts into statements")
struct SQLScriptTests {
    @Test("semicolons inside quotes, comments and dollar quoting do not split")
    func quoting() {
        let script = """
            CREATE TABLE t (a text); -- a comment; still a comment
            INSERT INTO t VALUES ('x;y'), ('it''s; fine'), ("q;");
            /* block; comment */ INSERT INTO t VALUES ($$a;b$$), ($tag$c;$$;d$tag$);
            DO $body$ BEGIN PERFORM 1; END $body$;
            ;  -- only a comment
            """
        #expect(SQLScript.statements(script) == [
            "CREATE TABLE t (a text)",
            "-- a comment; still a comment\nINSERT INTO t VALUES ('x;y'), ('it''s; fine'), (\"q;\")",
            "/* block; comment */ INSERT INTO t VALUES ($$a;b$$), ($tag$c;$$;d$tag$)",
            "DO $body$ BEGIN PERFORM 1; END $body$",
        ])
    }

    @Test("a script without a final semicolon keeps its last statement; parameters like $1 are not quotes")
    func edges() {
        #expect(SQLScript.statements("SELECT 1; SELECT $1 + $2") == ["SELECT 1", "SELECT $1 + $2"])
        #expect(SQLScript.statements("  ") == [])
        #expect(SQLScript.statements("SELECT 'unterminated; still going") == ["SELECT 'unterminated; still going"])
    }
}
