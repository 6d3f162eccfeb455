import CampusAccounts
import CampusCore
import CampusPlatform
import Foundation

/// The import rules for `course_content` and `lesson_content` documents.
package struct CourseContentCheck {
    package let quizExists: (String) -> Bool

    package init(quizExists: @escaping (String) -> Bool) {
        self.quizExists = quizExists
    }

    package struct Outcome {
        package var issues: [ContentIssue] = []
        package var writes: [ContentWrite] = []
        package var courses = 0
        package var lessons = 0
    }

    package func check(courses: [ContentBundle.Entry], lessons: [ContentBundle.Entry],
               lessonsByID: [String: ContentBundle.Entry], store: any ContentStore) async throws -> Outcome {
        var outcome = Outcome()
        var seenLessons = Set<String>()
        for entry in lessons {
            let id = (entry.document["_id"] ?? entry.document["id"])?.stringValue ?? ""
            var document = entry.document
            if !id.hasPrefix("lesson:") || id.count < 8 {
                outcome.issues.append(ContentIssue(path: entry.path + "._id", message: "must start with \"lesson:\""))
                continue
            }
            if !seenLessons.insert(id).inserted {
                outcome.issues.append(ContentIssue(path: entry.path + "._id", message: "duplicate id \"\(id)\""))
            }
            if (document["title"]?.stringValue ?? "").isEmpty {
                outcome.issues.append(ContentIssue(path: entry.path + ".title", message: "is required"))
            }
            if !(document["course_id"]?.stringValue ?? "").hasPrefix("course:") {
                outcome.issues.append(ContentIssue(path: entry.path + ".course_id", message: "must name a course (\"course:…\")"))
            }
            outcome.issues += Self.typeIssues(document, at: entry.path, [
                ("title", .string), ("content_mdx", .string), ("course_id", .string), ("quiz_id", .string),
                ("practice_id", .string), ("preview", .bool), ("duration_minutes", .number), ("order", .number),
            ])
            if let blocks = document["blocks"] {
                if let array = blocks.arrayValue {
                    for (index, block) in array.enumerated() where block["type"]?.stringValue == nil {
                        outcome.issues.append(ContentIssue(path: "\(entry.path).blocks[\(index)].type", message: "is required"))
                    }
                } else {
                    outcome.issues.append(ContentIssue(path: entry.path + ".blocks", message: "must be an array"))
                }
            }
            if let quizID = document["quiz_id"]?.stringValue, !quizExists(quizID) {
                outcome.issues.append(ContentIssue(path: entry.path + ".quiz_id", message: "no quiz \"\(quizID)\""))
            }
            document["_id"] = .string(id)
            document["id"] = nil
            outcome.writes.append(.upsert(collection: ContentCollection.lessons, id: id, document: document))
            outcome.lessons += 1
        }

        let listedLessons = courses.flatMap { entry in
            (entry.document["modules"]?.arrayValue ?? []).flatMap { $0["lessons"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        }
        let storedLessons = try await store.getMany(ContentCollection.lessons, ids: listedLessons.filter { lessonsByID[$0] == nil })
        var seenCourses = Set<String>()
        for entry in courses {
            let id = (entry.document["_id"] ?? entry.document["id"])?.stringValue ?? ""
            var document = entry.document
            guard id.hasPrefix("course:"), id.count > 7 else {
                outcome.issues.append(ContentIssue(path: entry.path + "._id", message: "must start with \"course:\""))
                continue
            }
            if !seenCourses.insert(id).inserted {
                outcome.issues.append(ContentIssue(path: entry.path + "._id", message: "duplicate id \"\(id)\""))
            }
            if (document["title"]?.stringValue ?? "").isEmpty {
                outcome.issues.append(ContentIssue(path: entry.path + ".title", message: "is required"))
            }
            outcome.issues += Self.typeIssues(document, at: entry.path, [
                ("title", .string), ("description", .string), ("level", .string), ("final_quiz_id", .string),
                ("cover_url", .string), ("duration_minutes", .number),
            ])
            if let quizID = document["final_quiz_id"]?.stringValue, !quizExists(quizID) {
                outcome.issues.append(ContentIssue(path: entry.path + ".final_quiz_id", message: "no quiz \"\(quizID)\""))
            }
            guard let modules = document["modules"]?.arrayValue else {
                outcome.issues.append(ContentIssue(path: entry.path + ".modules", message: "must be an array"))
                continue
            }
            var moduleIDs = Set<String>()
            for (moduleIndex, module) in modules.enumerated() {
                let modulePath = "\(entry.path).modules[\(moduleIndex)]"
                guard let moduleID = module["id"]?.stringValue, !moduleID.isEmpty else {
                    outcome.issues.append(ContentIssue(path: modulePath + ".id", message: "is required"))
                    continue
                }
                outcome.issues += Self.typeIssues(module.objectValue ?? [:], at: modulePath, [
                    ("title", .string), ("order", .number), ("lessons", .array),
                ])
                if !moduleIDs.insert(moduleID).inserted {
                    outcome.issues.append(ContentIssue(path: modulePath + ".id", message: "duplicate module id \"\(moduleID)\""))
                }
                for (lessonIndex, lessonValue) in (module["lessons"]?.arrayValue ?? []).enumerated() {
                    let lessonPath = "\(modulePath).lessons[\(lessonIndex)]"
                    guard let lessonID = lessonValue.stringValue else {
                        outcome.issues.append(ContentIssue(path: lessonPath, message: "must be a lesson id"))
                        continue
                    }
                    let owner = lessonsByID[lessonID]?.document["course_id"]?.stringValue ?? storedLessons[lessonID]?["course_id"]?.stringValue
                    if lessonsByID[lessonID] == nil && storedLessons[lessonID] == nil {
                        outcome.issues.append(ContentIssue(path: lessonPath, message: "no lesson \"\(lessonID)\""))
                    } else if owner != id {
                        outcome.issues.append(ContentIssue(path: lessonPath, message: "lesson \"\(lessonID)\" belongs to \(owner ?? "no course")"))
                    }
                }
            }
            document["_id"] = .string(id)
            document["id"] = nil
            outcome.writes.append(.upsert(collection: ContentCollection.courses, id: id, document: document))
            outcome.courses += 1
        }
        return outcome
    }

    package enum Kind: String {
        case string = "a string", number = "a number", bool = "true or false", array = "an array"

        package func admits(_ value: JSONValue) -> Bool {
            switch (self, value) {
            case (_, .null), (.string, .string), (.number, .int), (.number, .double), (.bool, .bool), (.array, .array): true
            default: false
            }
        }
    }

    /// Known fields of the wrong JSON type are refused, so no reader has to guess what `"title": 0` meant.
    package static func typeIssues(_ object: JSONObject, at path: String, _ fields: [(String, Kind)]) -> [ContentIssue] {
        fields.compactMap { field, kind in
            guard let value = object[field], !kind.admits(value) else { return nil }
            return ContentIssue(path: "\(path).\(field)", message: "must be \(kind.rawValue)")
        }
    }
}
