import CampusCore
import Foundation

/// The practice part of an import: unique ids, a course and lesson that exist (in the bundle or the
/// store) and agree with each other, and the practice domain's own check (the reference runs).
struct PracticeImport {
    let store: any ContentStore
    let validator: (any PracticeContentValidator)?

    struct Result {
        var issues: [ContentIssue] = []
        var writes: [ContentWrite] = []
    }

    func check(_ entries: [ContentBundle.Entry], courses: [ContentBundle.Entry], lessonsByID: [String: ContentBundle.Entry]) async -> Result {
        var result = Result()
        guard !entries.isEmpty else { return result }
        guard let validator else {
            result.issues.append(ContentIssue(path: "practices", message: "cannot be checked here: this Campus has no practice checker"))
            return result
        }
        let courseIDs = Set(courses.compactMap { ($0.document["_id"] ?? $0.document["id"])?.stringValue })
        let namedLessons = Set(entries.compactMap { $0.document["lesson_id"]?.stringValue }).subtracting(lessonsByID.keys)
        let namedCourses = Set(entries.compactMap { $0.document["course_id"]?.stringValue }).subtracting(courseIDs)
        let storedLessons = (try? await store.getMany(ContentCollection.lessons, ids: Array(namedLessons))) ?? [:]
        let storedCourses = (try? await store.getMany(ContentCollection.courses, ids: Array(namedCourses))) ?? [:]
        var seen = Set<String>()
        for entry in entries {
            var document = entry.document
            let id = (document["_id"] ?? document["id"])?.stringValue ?? ""
            if !id.isEmpty && !seen.insert(id).inserted {
                result.issues.append(ContentIssue(path: entry.path + "._id", message: "duplicate id \"\(id)\""))
            }
            var issues: [ContentIssue] = []
            if let lessonID = document["lesson_id"]?.stringValue {
                let lesson = lessonsByID[lessonID]?.document ?? storedLessons[lessonID]
                if let lesson {
                    let lessonCourse = lesson["course_id"]?.stringValue
                    if let courseID = document["course_id"]?.stringValue, let lessonCourse, courseID != lessonCourse {
                        issues.append(ContentIssue(path: entry.path + ".course_id", message: "must be the lesson's course \"\(lessonCourse)\""))
                    }
                    if document["course_id"] == nil, let lessonCourse { document["course_id"] = .string(lessonCourse) }
                } else if lessonID.hasPrefix("lesson:") {
                    issues.append(ContentIssue(path: entry.path + ".lesson_id", message: "no lesson \"\(lessonID)\""))
                }
            }
            if let courseID = document["course_id"]?.stringValue, courseID.hasPrefix("course:"),
               !courseIDs.contains(courseID), storedCourses[courseID] == nil, entry.document["course_id"] != nil {
                issues.append(ContentIssue(path: entry.path + ".course_id", message: "no course \"\(courseID)\""))
            }
            issues += await validator.issues(in: document, path: entry.path)
            result.issues += issues
            if issues.isEmpty {
                document["id"] = nil
                document["_id"] = .string(id)
                result.writes.append(.upsert(collection: ContentCollection.practices, id: id, document: document))
            }
        }
        return result
    }
}
