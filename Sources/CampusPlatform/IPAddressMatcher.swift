import NIOCore

/// Matches client addresses against `CAMPUS_TRUSTED_PROXIES` entries (single addresses or CIDR ranges).
package struct IPAddressMatcher: Sendable {
    private let ranges: [(bytes: [UInt8], prefix: Int)]

    package init(_ entries: [String]) {
        ranges = entries.compactMap(Self.parseRange)
    }

    package static func isValid(_ entry: String) -> Bool { parseRange(entry) != nil }

    package func contains(_ address: String) -> Bool {
        guard let bytes = Self.parseAddress(address) else { return false }
        return ranges.contains { range in
            guard range.bytes.count == bytes.count else { return false }
            var remaining = range.prefix
            for index in bytes.indices where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if bytes[index] & mask != range.bytes[index] & mask { return false }
                remaining -= bits
            }
            return true
        }
    }

    private static func parseRange(_ entry: String) -> (bytes: [UInt8], prefix: Int)? {
        let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
        guard let bytes = parseAddress(parts[0]) else { return nil }
        let maxPrefix = bytes.count * 8
        if parts.count == 1 { return (bytes, maxPrefix) }
        guard let prefix = Int(parts[1]), (0...maxPrefix).contains(prefix) else { return nil }
        return (bytes, prefix)
    }

    package static func parseAddress(_ text: String) -> [UInt8]? {
        guard let address = try? SocketAddress(ipAddress: text, port: 0) else { return nil }
        switch address {
        case .v4(let v4):
            return withUnsafeBytes(of: v4.address.sin_addr) { Array($0) }
        case .v6(let v6):
            return withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
        default:
            return nil
        }
    }
}
