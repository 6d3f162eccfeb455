import Vapor

extension Request {
    /// The address rate limits are keyed on: the socket peer, unless that peer is a trusted proxy, in
    /// which case the right-most `X-Forwarded-For` entry that is not itself a trusted proxy.
    package var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        let proxies = application.platform.trustedProxies
        guard proxies.contains(peer) else { return peer }
        let forwarded = headers[.xForwardedFor]
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { IPAddressMatcher.parseAddress($0) != nil }
        for hop in forwarded.reversed() where !proxies.contains(hop) {
            return hop
        }
        return forwarded.first ?? peer
    }
}
