/// Reads a `practice_content` document into an exercise, or names every problem with its path
/// (`practices[2].sql.limits.time_ms`). What needs running (the reference, sample solutions) is checked
/// by the practice domain after this.
public enum PracticeParser {
    public static let maximumScriptLength = 1_000_000
    public static let maximumPoints = 1_000

    public static func parse(_ document: JSONObject, path: String) throws(ContentIssues) -> PracticeExercise {
        var reader = Reader(path: path)
        let id = (document["_id"] ?? document["id"])?.stringValue ?? ""
        if !id.hasPrefix("practice:") || id.count <= "practice:".count || id.count > 200 {
            reader.fail("_id", "must start with \"practice:\" and be at most 200 characters")
        }
        let kind = reader.enumeration(document["kind"], "kind", PracticeKind.self)
        let title = reader.text(document["title"], "title")
        let statement = reader.text(document["statement_mdx"], "statement_mdx")
        let courseID = reader.optionalID(document["course_id"], "course_id", prefix: "course:")
        let lessonID = reader.optionalID(document["lesson_id"], "lesson_id", prefix: "lesson:")
        let required = reader.bool(document["required"], "required") ?? false
        if required && lessonID == nil { reader.fail("required", "needs a lesson_id: a practice is required for completing its lesson") }
        let points = reader.integer(document["points"], "points", in: 0...maximumPoints) ?? 10
        let maxAttempts = reader.integer(document["max_attempts"], "max_attempts", in: 0...1_000) ?? 0
        let editor = reader.editor(document["editor"], kind: kind)
        for other in PracticeKind.allCases where other != kind && document[other.rawValue] != nil {
            reader.fail(other.rawValue, "is for \(other.rawValue) exercises; this one is \(kind?.rawValue ?? "of no kind")")
        }
        var task: PracticeExercise.Task?
        if let kind {
            let key = kind.rawValue
            if let object = document[key]?.objectValue {
                switch kind {
                case .sql: task = reader.sql(object, key).map(PracticeExercise.Task.sql)
                case .json: task = reader.json(object, key).map(PracticeExercise.Task.json)
                case .api: task = reader.api(object, key).map(PracticeExercise.Task.api)
                }
            } else {
                reader.fail(key, "is required: an object with the \(key) task")
            }
        }
        guard reader.issues.isEmpty, let kind, let task, let title, let statement else {
            throw ContentIssues(issues: reader.issues)
        }
        _ = kind
        return PracticeExercise(id: id, title: title, statement: statement, courseID: courseID, lessonID: lessonID, required: required,
                                points: points, maxAttempts: maxAttempts, editor: editor, task: task)
    }

    /// Rules as authored: `{"pointer": "/a", "<check>": …, "message": …}` with exactly one check.
    public static func rules(_ value: JSONValue?, path: String) throws(ContentIssues) -> [JSONRule] {
        var reader = Reader(path: path)
        let rules = reader.rules(value, "")
        guard reader.issues.isEmpty else { throw ContentIssues(issues: reader.issues) }
        return rules
    }
}
