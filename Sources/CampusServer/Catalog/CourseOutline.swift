import CampusCore
import Foundation

/// The shape of a course as its `course_content` document gives it: modules in order, each an ordered
/// list of lesson ids, and the final quiz if there is one.
struct CourseOutline: Sendable {
    struct Module: Sendable {
        var id: String
        var title: String
        var order: Int
        var lessonIDs: [String]
    }

    var modules: [Module]
    var finalQuizID: String?

    init(_ document: JSONObject) {
        modules = (document["modules"]?.arrayValue ?? []).enumerated().compactMap { index, value in
            guard let id = value["id"]?.stringValue else { return nil }
            let order = value["order"]?.intValue ?? index + 1
            return Module(id: id, title: value["title"]?.stringValue ?? "", order: order,
                          lessonIDs: value["lessons"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }.sorted { $0.order < $1.order }
        finalQuizID = document["final_quiz_id"]?.stringValue
    }

    var lessonIDs: [String] { modules.flatMap(\.lessonIDs) }

    func module(of lessonID: String) -> Module? {
        modules.first { $0.lessonIDs.contains(lessonID) }
    }
}
