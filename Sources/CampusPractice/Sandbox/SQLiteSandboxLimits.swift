/// Caps every sandboxed statement runs under, whatever the exercise says.
package struct SQLiteSandboxLimits: Sendable {
    /// Bytes of SQL a learner may send.
    package var queryBytes = 64 * 1024
    /// The largest string or blob a query may make (`randomblob`, `zeroblob`, `printf`, `replace`…).
    package var valueBytes: Int32 = 1_000_000
    /// Bytes of text and blobs in one result.
    package var resultBytes = 8 * 1024 * 1024
    /// VM instructions between two looks at the clock.
    package var progressInterval: Int32 = 1_000

    package init() {}
}
