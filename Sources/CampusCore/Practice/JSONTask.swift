/// A JSON exercise: the learner's document must satisfy every rule and, when there is one, the schema.
public struct JSONTask: Sendable, Equatable {
    public var rules: [JSONRule]
    public var schema: JSONValue?
    /// Shown before the schema's own findings when the document does not satisfy it.
    public var schemaMessage: LocalizedText?
    public var sampleSolution: JSONValue

    public init(rules: [JSONRule], schema: JSONValue? = nil, schemaMessage: LocalizedText? = nil, sampleSolution: JSONValue) {
        self.rules = rules
        self.schema = schema
        self.schemaMessage = schemaMessage
        self.sampleSolution = sampleSolution
    }
}
