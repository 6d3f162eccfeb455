/// Where a course is in its life: written, visible to learners, or retired.
public enum CourseStatus: String, Sendable, Codable, CaseIterable {
    case draft
    case published
    case archived

    /// Whether an author may move a course from this status to `next`.
    ///
    /// A course goes around one way only: draft → published → archived → draft. Unpublishing
    /// straight to draft would hide a course from learners who are in the middle of it without
    /// the archive step that tells them so, and an archived course is reviewed as a draft before it
    /// comes back. Asking for the status it already has is allowed, so a repeated request is
    /// harmless.
    public func canMove(to next: CourseStatus) -> Bool {
        switch (self, next) {
        case (.draft, .published), (.published, .archived), (.archived, .draft): true
        default: self == next
        }
    }
}
