import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Sends bytes over a plain TCP connection to 127.0.0.1 and returns everything the server answers
/// until it closes the connection (or `timeout` passes), for requests no HTTP client library would
/// send: unknown methods, CONNECT, oversized headers.
enum RawHTTPClient {
    static func exchange(port: Int, _ request: String, timeout: TimeInterval = 5) async throws -> String {
        try await Task.detached { try blockingExchange(port: port, Array(request.utf8), timeout: timeout) }.value
    }

    struct SocketFailure: Error {
        let step: String
    }

    private static func blockingExchange(port: Int, _ bytes: [UInt8], timeout: TimeInterval) throws -> String {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw SocketFailure(step: "socket") }
        defer { close(socket) }
        var wait = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw SocketFailure(step: "connect") }
        var sent = 0
        while sent < bytes.count {
            let written = bytes[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            // The server may answer and close before it has read everything (431): that is fine.
            guard written > 0 else { break }
            sent += written
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: received, as: UTF8.self)
    }
}
