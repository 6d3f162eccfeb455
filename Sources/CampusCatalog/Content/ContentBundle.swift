import CampusAccounts
import CampusCore
import CampusPlatform
import Foundation

/// Documents to import, gathered from one or more files, each remembering its JSON path for messages.
package struct ContentBundle: Sendable {
    package struct Entry: Sendable {
        package var path: String
        package var document: JSONObject

        package init(path: String, document: JSONObject) {
            self.path = path
            self.document = document
        }
    }

    package var questions: [Entry] = []
    /// Questions left in their files, read one at a time after `questions` (see `ContentFileReader`).
    package var questionFiles: [QuestionFile] = []
    package var quizzes: [Entry] = []
    package var courses: [Entry] = []
    package var lessons: [Entry] = []
    package var practices: [Entry] = []
    /// Exported attempt details come back as they were; they are records, not authored content.
    package var attemptDetails: [Entry] = []

    package init(questions: [Entry] = [], quizzes: [Entry] = [], courses: [Entry] = [], lessons: [Entry] = [], practices: [Entry] = [],
                 attemptDetails: [Entry] = []) {
        self.questions = questions
        self.quizzes = quizzes
        self.courses = courses
        self.lessons = lessons
        self.practices = practices
        self.attemptDetails = attemptDetails
    }

    package var questionCount: Int { questions.count + questionFiles.reduce(0) { $0 + $1.elements.count } }

    package var count: Int { questionCount + quizzes.count + courses.count + lessons.count + practices.count + attemptDetails.count }

    /// Reads any of the accepted shapes: the question bank as a bare array, one quiz, course or lesson
    /// or practice document, or `{"questions":[…],"quizzes":[…],"courses":[…],"lessons":[…],"practices":[…]}`.
    package mutating func add(_ value: JSONValue, source: String) throws(ContentIssues) {
        func entries(_ value: JSONValue?, _ key: String) throws(ContentIssues) -> [Entry] {
            guard let value else { return [] }
            guard let array = value.arrayValue else {
                throw ContentIssues(issues: [ContentIssue(path: "\(source):\(key)", message: "must be an array")])
            }
            var result: [Entry] = []
            var issues: [ContentIssue] = []
            for (index, element) in array.enumerated() {
                if let object = element.objectValue {
                    result.append(Entry(path: "\(key)[\(index)]", document: object))
                } else {
                    issues.append(ContentIssue(path: "\(source):\(key)[\(index)]", message: "must be an object"))
                }
            }
            if !issues.isEmpty { throw ContentIssues(issues: issues) }
            return result
        }
        switch value {
        case .array:
            questions += try entries(value, "questions")
        case .object(let object):
            let id = (object["_id"] ?? object["id"])?.stringValue ?? ""
            if object.keys.contains(where: { ["questions", "quizzes", "courses", "lessons", "practices", "attempt_details"].contains($0) }) && id.isEmpty {
                questions += try entries(object["questions"], "questions")
                quizzes += try entries(object["quizzes"], "quizzes")
                courses += try entries(object["courses"], "courses")
                lessons += try entries(object["lessons"], "lessons")
                practices += try entries(object["practices"], "practices")
                attemptDetails += try entries(object["attempt_details"], "attempt_details")
            } else if id.hasPrefix("quiz:") {
                quizzes.append(Entry(path: "quizzes[\(quizzes.count)]", document: object))
            } else if id.hasPrefix("course:") {
                courses.append(Entry(path: "courses[\(courses.count)]", document: object))
            } else if id.hasPrefix("lesson:") {
                lessons.append(Entry(path: "lessons[\(lessons.count)]", document: object))
            } else if id.hasPrefix("practice:") {
                practices.append(Entry(path: "practices[\(practices.count)]", document: object))
            } else if object["question"] != nil {
                questions.append(Entry(path: "questions[\(questions.count)]", document: object))
            } else {
                throw ContentIssues(issues: [ContentIssue(path: source, message: "is not a question bank, quiz, course, lesson, practice or bundle")])
            }
        default:
            throw ContentIssues(issues: [ContentIssue(path: source, message: "must be a JSON array or object")])
        }
    }
}
