/// Where the parts of a JSON text lie, as byte ranges: the elements of its top-level array, or the members
/// of its top-level object and the elements of one member that is an array. A file too large to hold as
/// values is then read and parsed one part at a time (see `JSONOutliner`).
public struct JSONOutline: Sendable, Equatable {
    public enum Root: Sendable, Equatable {
        case array
        case object
    }

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: Range<Int>

        public init(key: String, value: Range<Int>) {
            self.key = key
            self.value = value
        }
    }

    public var root: Root
    /// The top-level array's elements; for an object, the elements of the member the outliner was asked about,
    /// nil when it has no such member or its value is not an array.
    public var elements: [Range<Int>]?
    /// The top-level object's members in the order written (empty for an array).
    public var members: [Member]

    public init(root: Root, elements: [Range<Int>]? = nil, members: [Member] = []) {
        self.root = root
        self.elements = elements
        self.members = members
    }
}
