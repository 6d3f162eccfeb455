/// An error a domain's rules raise, with the one problem+json answer it becomes. Each domain keeps its
/// errors in one enum and maps them in one place (its `…Error.swift`); code decides on the enum's cases,
/// never on problem slugs. `ProblemMiddleware` answers with `problem`.
package protocol DomainError: Error {
    var problem: Problem { get }
}
