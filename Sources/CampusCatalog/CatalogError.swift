import CampusPlatform

/// What the catalog and authoring rules refuse, and the one answer each becomes.
package enum CatalogError: DomainError {
    case categoryNotFound
    case trackNotFound
    case courseNotFound
    case contentNotFound
    case contentKindNotFound
    case slugTaken
    /// Another author's published course: its existence is public, changing it is not allowed.
    case notYourCourse
    case notYourContent
    case courseIncomplete(detail: String, errors: [Problem.FieldError])
    case invalidContent([Problem.FieldError])

    package var problem: Problem {
        switch self {
        case .categoryNotFound: Problem.notFound("The category")
        case .trackNotFound: Problem.notFound("The track")
        case .courseNotFound: Problem.notFound("The course")
        case .contentNotFound: Problem.notFound("The content document")
        case .contentKindNotFound: Problem.notFound("The content kind")
        case .slugTaken: Problem.conflict("slug-taken", "The slug (or content id) is already used by another live row.")
        case .notYourCourse: Problem.forbidden
        case .notYourContent:
            Problem(.forbidden, "not-your-content", title: "Forbidden",
                    detail: "This content belongs to another author; only its author or an admin can change it.")
        case .courseIncomplete(let detail, let errors):
            Problem(.unprocessableEntity, "course-incomplete", title: "Course incomplete", detail: detail, errors: errors)
        case .invalidContent(let errors):
            Problem(.unprocessableEntity, "invalid-content", title: "Invalid content",
                    detail: "The document was not saved: " + errors.map { "\($0.field): \($0.message)" }.joined(separator: "; "),
                    errors: errors)
        }
    }
}
