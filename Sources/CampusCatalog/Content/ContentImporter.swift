import CampusAccounts
import CampusCore
import CampusPlatform
import Foundation

/// Checks a whole bundle first, then writes it in one all-or-nothing transaction, batch by batch: one bad
/// document and nothing is written. Questions are read one at a time in both passes (see `ContentFileReader`),
/// so a bank left in its file never lies in memory whole. Re-importing a document replaces it.
package struct ContentImporter: Sendable {
    package let store: any ContentStore
    package var renameDuplicates = false
    package var progress: (@Sendable (String) -> Void)?
    /// Runs practice exercises' references; without one, a bundle with practices is refused.
    package var practiceValidator: (any PracticeContentValidator)?

    package init(store: any ContentStore, renameDuplicates: Bool = false, practiceValidator: (any PracticeContentValidator)? = nil) {
        self.store = store
        self.renameDuplicates = renameDuplicates
        self.practiceValidator = practiceValidator
    }

    package struct Report: Sendable {
        package var questions = 0
        package var quizzes = 0
        package var courses = 0
        package var lessons = 0
        package var practices = 0
        package var attemptDetails = 0
        package var renamed: [(from: String, to: String)] = []
    }

    package func run(_ bundle: ContentBundle) async throws -> Report {
        var issues: [ContentIssue] = []
        var report = Report()
        var writes: [ContentWrite] = []

        // Questions: each one read (from memory or its file), checked and let go. What the later steps need is
        // its id and whether it parsed, by position.
        var checkedIDs: [String?] = []
        var parsed: [Bool] = []
        var paths: [String] = []
        var reader = QuestionReader(bundle)
        let total = bundle.questionCount
        while let (position, entry) = try reader.next() {
            checkedIDs.append(nil)
            parsed.append(false)
            let question: ContentBundle.Entry
            switch entry {
            case .failure(let issue):
                paths.append(issue.path)
                issues.append(issue)
                continue
            case .success(let found):
                paths.append(found.path)
                question = found
            }
            guard let id = question.document["id"]?.stringValue, !id.isEmpty else {
                issues.append(ContentIssue(path: question.path + ".id", message: "is required"))
                continue
            }
            checkedIDs[position] = id
            do {
                _ = try QuizContentParser.parseQuestion(question.document, path: question.path)
                parsed[position] = true
            } catch {
                issues += error.issues
            }
            if position > 0 && position % 500 == 0 { progress?("checked \(position) of \(total) questions") }
        }

        // Unique ids, or renamed later duplicates (`msg12` → `msg12-2`) when asked.
        var storedIDs = checkedIDs
        var questionIDs: [String: Int] = [:]   // id → position of its first holder
        var renamedByOriginal: [String: [String]] = [:]
        let originalIDs = Set(checkedIDs.compactMap { $0 })
        for (position, checked) in checkedIDs.enumerated() {
            guard let id = checked else { continue }
            guard let first = questionIDs[id] else {
                questionIDs[id] = position
                continue
            }
            guard renameDuplicates else {
                issues.append(ContentIssue(path: paths[position] + ".id", message: "duplicate id \"\(id)\", also used by \(paths[first])"))
                continue
            }
            var suffix = 2
            while questionIDs["\(id)-\(suffix)"] != nil || originalIDs.contains("\(id)-\(suffix)") { suffix += 1 }
            let newID = "\(id)-\(suffix)"
            storedIDs[position] = newID
            questionIDs[newID] = position
            renamedByOriginal[id, default: []].append(newID)
            report.renamed.append((from: "\(id) (\(paths[position]))", to: newID))
        }
        let importedQuestionIDs = Set(zip(storedIDs, parsed).compactMap { id, parsed in parsed ? id : nil })
        report.questions = importedQuestionIDs.count

        // Quizzes: every listed question exists in this bundle or already in the store.
        let listed = Set(bundle.quizzes.flatMap { $0.document["question_ids"]?.arrayValue?.compactMap(\.stringValue) ?? [] })
        let missingLocally = Array(listed.subtracting(importedQuestionIDs))
        let stored = Set(try await store.getMany(ContentCollection.questions, ids: missingLocally).keys)
        var quizIDs = Set<String>()
        for entry in bundle.quizzes {
            var document = entry.document
            if !renamedByOriginal.isEmpty, let ids = document["question_ids"]?.arrayValue?.compactMap(\.stringValue) {
                document["question_ids"] = .array(Self.spread(ids, renamed: renamedByOriginal).map(JSONValue.string))
            }
            do {
                let quiz = try QuizContentParser.parseQuiz(document, path: entry.path)
                if quizIDs.contains(quiz.id) {
                    issues.append(ContentIssue(path: entry.path + "._id", message: "duplicate id \"\(quiz.id)\""))
                }
                quizIDs.insert(quiz.id)
                for (position, questionID) in quiz.questionIDs.enumerated()
                where !importedQuestionIDs.contains(questionID) && !stored.contains(questionID) {
                    issues.append(ContentIssue(path: "\(entry.path).question_ids[\(position)]", message: "no question \"\(questionID)\""))
                }
                document["_id"] = .string(quiz.id)
                document["id"] = nil
                writes.append(.upsert(collection: ContentCollection.quizzes, id: quiz.id, document: document))
            } catch {
                issues += error.issues
            }
        }
        report.quizzes = quizIDs.count

        // Courses and lessons: every lesson a module lists exists and points back at its course.
        let storedQuizzes = Set(try await store.getMany(ContentCollection.quizzes, ids: Self.referencedQuizzes(bundle)).keys)
        let lessonsByID = Dictionary(bundle.lessons.compactMap { entry in
            (entry.document["_id"] ?? entry.document["id"])?.stringValue.map { ($0, entry) }
        }, uniquingKeysWith: { first, _ in first })
        let courseCheck = CourseContentCheck(quizExists: { quizIDs.contains($0) || storedQuizzes.contains($0) })
        let courseResult = try await courseCheck.check(courses: bundle.courses, lessons: bundle.lessons, lessonsByID: lessonsByID, store: store)
        issues += courseResult.issues
        writes += courseResult.writes
        report.courses = courseResult.courses
        report.lessons = courseResult.lessons

        let practiceResult = await PracticeImport(store: store, validator: practiceValidator)
            .check(bundle.practices, courses: bundle.courses, lessonsByID: lessonsByID)
        issues += practiceResult.issues
        writes += practiceResult.writes
        report.practices = practiceResult.writes.count

        for entry in bundle.attemptDetails {
            guard let id = entry.document["_id"]?.stringValue, id.hasPrefix("attempt:") else {
                issues.append(ContentIssue(path: entry.path + "._id", message: "must start with \"attempt:\""))
                continue
            }
            var document = entry.document
            document["_id"] = nil
            writes.append(.upsert(collection: ContentCollection.attemptDetails, id: id, document: document))
            report.attemptDetails += 1
        }

        guard issues.isEmpty else { throw ContentIssues(issues: issues) }
        progress?("writing \(report.questions + writes.count) documents")
        let source = ImportWriteSource(bundle: bundle, checkedIDs: checkedIDs, storedIDs: storedIDs, then: writes)
        try await store.write(batches: source.next)
        return report
    }

    /// A quiz that lists a duplicated id n times takes the n-th question of that id; one that lists it
    /// once keeps every renamed sibling right after the original.
    package static func spread(_ ids: [String], renamed: [String: [String]]) -> [String] {
        var seen: [String: Int] = [:]
        var result: [String] = []
        for id in ids {
            let occurrence = seen[id, default: 0]
            seen[id] = occurrence + 1
            let siblings = renamed[id] ?? []
            if occurrence == 0 {
                result.append(id)
                if ids.filter({ $0 == id }).count == 1 { result += siblings }
            } else if occurrence - 1 < siblings.count {
                result.append(siblings[occurrence - 1])
            }
        }
        return result
    }

    package static func referencedQuizzes(_ bundle: ContentBundle) -> [String] {
        let fromLessons = bundle.lessons.compactMap { $0.document["quiz_id"]?.stringValue }
        let fromCourses = bundle.courses.compactMap { $0.document["final_quiz_id"]?.stringValue }
        return Array(Set(fromLessons + fromCourses))
    }
}
