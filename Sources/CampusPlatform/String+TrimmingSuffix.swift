extension String {
    /// The string without `suffix` at its end, if it ends so (a base URL's trailing slash).
    package func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
