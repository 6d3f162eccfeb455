extension Duration {
    /// Whole nanoseconds, as swift-metrics' timers and the access log take them.
    package var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
