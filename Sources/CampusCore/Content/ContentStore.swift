import Foundation

/// The content store: JSON documents in named collections, addressed by stable string ids
/// (`course:rest-api-design`). Nothing above this interface knows which engine holds them.
public protocol ContentStore: Sendable {
    /// A short engine name for logs and health output.
    var engineName: String { get }

    func get(_ collection: String, id: String) async throws -> JSONObject?

    /// Only the named top-level members of the document (those it has), or nil when there is no document. A
    /// read that needs a small part of a larger document (an attempt's answers, not its plan) then neither
    /// carries nor parses the rest. Member names are plain words, as field names are.
    func get(_ collection: String, id: String, members: [String]) async throws -> JSONObject?

    /// Documents for the ids that exist, keyed by id.
    func getMany(_ collection: String, ids: [String]) async throws -> [String: JSONObject]

    func upsert(_ collection: String, id: String, document: JSONObject) async throws

    /// The same as `upsert(_:id:document:)` for a document already written as the text of one JSON object (by
    /// `JSONOutput`), so that a large document need not be built as a `JSONValue` first. Text that is not one
    /// JSON object is refused and nothing is written.
    func upsert(_ collection: String, id: String, json: [UInt8]) async throws

    /// Returns whether a document was there.
    @discardableResult
    func delete(_ collection: String, id: String) async throws -> Bool

    /// Documents whose top-level fields equal every value in `filter`, in ascending id order,
    /// starting after the id `after`. Returns at most `limit` documents.
    func query(_ collection: String, filter: JSONObject, after: String?, limit: Int) async throws -> [ContentDocument]

    /// Applies every write or none of them.
    func write(_ batch: [ContentWrite]) async throws

    /// Applies every write `next` hands out, batch after batch until it returns nil, or none of them (also when
    /// `next` throws). An import larger than memory should hold goes this way: only one batch lies in memory.
    func write(batches next: @escaping @Sendable () throws -> [ContentWrite]?) async throws

    /// Throws when the engine cannot be reached.
    func ping() async throws
}

extension ContentStore {
    /// For stores that cannot read part of a document: reads it whole and keeps the members asked for.
    public func get(_ collection: String, id: String, members: [String]) async throws -> JSONObject? {
        try await wholeDocument(collection, id: id, members: members)
    }

    /// The named members of the document read whole; what `get(_:id:members:)` does where the store holds
    /// the whole document anyway (a cache).
    public func wholeDocument(_ collection: String, id: String, members: [String]) async throws -> JSONObject? {
        for member in members { try ContentNames.check(member) }
        return try await get(collection, id: id)?.filter { members.contains($0.key) }
    }

    /// For stores that keep documents in a form of their own: the text read back as the document it holds.
    public func upsert(_ collection: String, id: String, json: [UInt8]) async throws {
        try await upsert(collection, id: id, document: try JSONValue.parseObject(json))
    }

    /// For stores that cannot keep one transaction open across batches: gathers them and writes once.
    public func write(batches next: @escaping @Sendable () throws -> [ContentWrite]?) async throws {
        var all: [ContentWrite] = []
        while let batch = try next() { all += batch }
        try await write(all)
    }
}

public struct ContentDocument: Sendable, Equatable {
    public var id: String
    public var body: JSONObject

    public init(id: String, body: JSONObject) {
        self.id = id
        self.body = body
    }
}

public enum ContentWrite: Sendable, Equatable {
    case upsert(collection: String, id: String, document: JSONObject)
    case delete(collection: String, id: String)
}

public enum ContentStoreError: Error, Equatable, Sendable {
    /// The engine could not be reached or did not answer in time.
    case unavailable
    /// A collection or field name outside `[A-Za-z0-9_]`.
    case invalidName(String)
    /// Document text that is not one JSON object.
    case notAnObject
}

/// Collection and field names are plain words, so no engine ever sees one that could be read as syntax.
public enum ContentNames {
    public static func check(_ name: String) throws {
        guard !name.isEmpty, name.count <= 64,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        else { throw ContentStoreError.invalidName(name) }
    }
}

/// Collections Campus uses, named once.
public enum ContentCollection {
    public static let questions = "questions"
    public static let quizzes = "quiz_content"
    public static let courses = "course_content"
    public static let lessons = "lesson_content"
    public static let practices = "practice_content"
    public static let attemptDetails = "attempt_details"
}
