import Logging

/// Wraps the process's log handler so that no level, trace included, prints a secret. The libraries
/// underneath log what they handle: FluentKit every query's input and filter values at debug, the SQL
/// drivers their bound values, Vapor each decoded request head (Authorization and Cookie headers) and
/// the first bytes of its body at trace, PostgresNIO the rows it receives. None can be told to stop, so
/// every log event passes through here: statements, field names and structure stay, values go.
package struct RedactingLogHandler: LogHandler {
    package var inner: any LogHandler

    package init(_ inner: any LogHandler) {
        self.inner = inner
    }

    package var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    package var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    package var metadataProvider: Logger.MetadataProvider? {
        get { inner.metadataProvider }
        set { inner.metadataProvider = newValue }
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    package func log(event: LogEvent) {
        inner.log(event: Self.redacted(event))
    }

    /// The keys of FluentKit's filter and join descriptions that name structure, not values.
    private static let structural: Set<String> = ["field", "field1", "field2", "method", "relation", "schema",
                                                  "space", "alias", "foreign", "local"]
    private static let httpPart = "Decoded HTTP part: "

    package static func redacted(_ original: LogEvent) -> LogEvent {
        var event = original
        let text = event.message.description
        if text.hasPrefix(httpPart) {
            let kind = text.dropFirst(httpPart.count).prefix(while: \.isLetter)
            event.message = "\(httpPart)\(kind) <redacted>"
        } else if text.contains("Bearer ") || text.contains("eyJ") {
            event.message = "\(maskTokens(text))"
        }
        guard var metadata = event.metadata else { return event }
        for (key, value) in metadata {
            switch key {
            case "binds", "sqlite_binds", "psql_binds":
                metadata[key] = if case .array(let values) = value { "<\(values.count) redacted>" } else { "<redacted>" }
            case "input":
                metadata[key] = masked(value, keeping: [])
            case "filters", "joins":
                metadata[key] = masked(value, keeping: structural)
            case _ where key.hasPrefix("psql_message") || key == "psql_connection_action":
                // The message kind stays ("dataRow", "error"), what it carries does not.
                metadata[key] = .string(String("\(value)".prefix { $0 != "(" }))
            default:
                if case .string(let string) = value, string.contains("Bearer ") || string.contains("eyJ") {
                    metadata[key] = .string(maskTokens(string))
                }
            }
        }
        event.metadata = metadata
        return event
    }

    private static func masked(_ value: Logger.MetadataValue, keeping keys: Set<String>) -> Logger.MetadataValue {
        switch value {
        case .dictionary(let dictionary):
            .dictionary(Dictionary(uniqueKeysWithValues: dictionary.map { key, value in
                (key, keys.contains(key) ? value : masked(value, keeping: keys))
            }))
        case .array(let values):
            .array(values.map { masked($0, keeping: keys) })
        case .string, .stringConvertible:
            "?"
        }
    }

    /// Bearer credentials and anything shaped like a JWT (`eyJ…`), wherever a message mentions one.
    package static func maskTokens(_ text: String) -> String {
        text.replacing(/(Bearer\s+)[A-Za-z0-9._~+\/=-]+/, with: { "\($0.output.1)<redacted>" })
            .replacing(/eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*/, with: "<redacted-token>")
    }
}
