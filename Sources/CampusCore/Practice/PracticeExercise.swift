/// One practice exercise as authored (`practice_content`): what learners see, and the task with what
/// only the checker sees (reference, hidden rows, sample solutions).
public struct PracticeExercise: Sendable, Equatable {
    public enum Task: Sendable, Equatable {
        case sql(SQLTask)
        case json(JSONTask)
        case api(APITask)

        public var kind: PracticeKind {
            switch self {
            case .sql: .sql
            case .json: .json
            case .api: .api
            }
        }
    }

    public struct Editor: Sendable, Equatable {
        public var language: String
        public var starter: String

        public init(language: String, starter: String) {
            self.language = language
            self.starter = starter
        }
    }

    public var id: String
    public var title: LocalizedText
    public var statement: LocalizedText
    public var courseID: String?
    public var lessonID: String?
    /// Passing it is a condition of completing its lesson.
    public var required: Bool
    public var points: Int
    /// 0: unlimited.
    public var maxAttempts: Int
    public var editor: Editor
    public var task: Task

    public init(id: String, title: LocalizedText, statement: LocalizedText, courseID: String? = nil, lessonID: String? = nil,
                required: Bool = false, points: Int = 10, maxAttempts: Int = 0, editor: Editor, task: Task) {
        self.id = id
        self.title = title
        self.statement = statement
        self.courseID = courseID
        self.lessonID = lessonID
        self.required = required
        self.points = points
        self.maxAttempts = maxAttempts
        self.editor = editor
        self.task = task
    }

    public var kind: PracticeKind { task.kind }
}
