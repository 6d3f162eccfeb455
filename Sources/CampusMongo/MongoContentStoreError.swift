#if MongoDB
/// Failures of the MongoDB store that are not `ContentStoreError`s. Server messages are kept for
/// diagnosis; callers must not show them to users.
public enum MongoContentStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `CAMPUS_MONGODB_URI` could not be parsed (the URI itself is not repeated: it may hold a password).
    case invalidURI
    /// A write collided with an existing document's unique key (server code 11000).
    case duplicateKey(collection: String)
    /// The driver could not turn a body into BSON (for example a key holding a NUL character, or a
    /// `$`-prefixed key that reads as an extended-JSON type wrapper).
    case invalidDocument(String)
    /// Any other error the server or the driver reported.
    case server(code: Int, message: String)
    /// A batch failed and restoring the documents it had already changed failed too; the original
    /// failure is `cause`. Only possible on servers without transactions.
    case rollbackIncomplete(cause: String)

    public var description: String {
        switch self {
        case .invalidURI: "the MongoDB URI is not valid"
        case .duplicateKey(let collection): "duplicate key in MongoDB collection \(collection)"
        case .invalidDocument(let reason): "document cannot be stored in MongoDB: \(reason)"
        case .server(let code, let message): "MongoDB error \(code): \(message)"
        case .rollbackIncomplete(let cause): "a batch failed (\(cause)) and could not be fully undone"
        }
    }
}
#endif
