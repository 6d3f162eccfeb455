/// One check of a JSON exercise on the learner's document: at `pointer`, `check` must hold, and when it
/// does not the learner reads `message` (the author's words).
public struct JSONRule: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case object, array, string, number, integer, boolean, null
    }

    public enum Check: Sendable, Equatable {
        /// The value equals this one (numbers by value: `1` equals `1.0`).
        case equals(JSONValue)
        /// The pointer names a value (`true`) or names nothing (`false`).
        case exists(Bool)
        case type(Kind)
        /// A string matching the whole of this pattern.
        case regex(String)
        /// The length of a string (in characters), an array or an object, within the bounds.
        case length(min: Int?, max: Int?)
        /// An array with an element equal to this value, or a string containing this text.
        case contains(JSONValue)
        /// The value equals one of these.
        case oneOf([JSONValue])
    }

    public var pointer: JSONPointer
    public var check: Check
    public var message: LocalizedText

    public init(pointer: JSONPointer, check: Check, message: LocalizedText) {
        self.pointer = pointer
        self.check = check
        self.message = message
    }
}
