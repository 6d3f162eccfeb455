/// What the learner produces: a query, a JSON document or a series of HTTP requests.
public enum PracticeKind: String, Sendable, CaseIterable {
    case sql, json, api
}
