import CampusCatalog
import CampusCore
import CampusPlatform
import Foundation

extension LessonDTO {
    /// The lesson as `Codable` would write it (held equal by `JSONWriterParityTests`): `JSONEncoder` was
    /// the largest single cost of a signed-in lesson read once its statements were plain (issue 18).
    package func jsonBytes() throws -> [UInt8] {
        var json = JSONOutput(capacity: 1_024 + contentMDX.utf8.count * 11 / 10)
        json.beginObject()
        json.member(CodingKeys.id.rawValue, id)
        json.member(CodingKeys.courseID.rawValue, courseID)
        json.member(CodingKeys.courseSlug.rawValue, courseSlug)
        json.member(CodingKeys.moduleID.rawValue, ifPresent: moduleID)
        json.member(CodingKeys.title.rawValue, title)
        json.member(CodingKeys.contentMDX.rawValue, contentMDX)
        json.key(CodingKeys.blocks.rawValue)
        try json.value(blocks)
        json.member(CodingKeys.preview.rawValue, preview)
        json.member(CodingKeys.quizID.rawValue, ifPresent: quizID)
        json.member(CodingKeys.previousLessonID.rawValue, ifPresent: previousLessonID)
        json.member(CodingKeys.nextLessonID.rawValue, ifPresent: nextLessonID)
        if let progress {
            json.key(CodingKeys.progress.rawValue)
            json.beginObject()
            json.member(LessonProgressDTO.CodingKeys.status.rawValue, progress.status)
            json.member(LessonProgressDTO.CodingKeys.completedAt.rawValue, ifPresent: progress.completedAt)
            json.member(LessonProgressDTO.CodingKeys.bookmarked.rawValue, progress.bookmarked)
            json.member(LessonProgressDTO.CodingKeys.note.rawValue, ifPresent: progress.note)
            json.member(LessonProgressDTO.CodingKeys.timeSpentSeconds.rawValue, progress.timeSpentSeconds)
            json.endObject()
        }
        json.key(CodingKeys.practices.rawValue)
        json.beginArray()
        for practice in practices {
            json.separate()
            json.beginObject()
            json.member("id", practice.id)
            json.member("kind", practice.kind)
            json.key("title")
            json.beginObject()
            json.member("en", ifPresent: practice.title.en)
            json.member("ru", ifPresent: practice.title.ru)
            json.endObject()
            json.member("required", practice.required)
            if let passed = practice.passed { json.member("passed", passed) }
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.bytes
    }
}
