import Synchronization
import Vapor

/// Whether the client that sent a request is still connected, so slow work it started (a password
/// hash) can be dropped once nobody waits for the answer. Set by `CampusHTTPHandler`; requests that
/// came another way (tests in memory) always read as connected.
package final class ClientConnection: Sendable {
    private let open = Mutex(true)

    package var isOpen: Bool { open.withLock { $0 } }

    package func closed() {
        open.withLock { $0 = false }
    }
}

extension Request {
    private struct ConnectionKey: StorageKey {
        package typealias Value = ClientConnection
    }

    package var clientConnection: ClientConnection? {
        get { storage[ConnectionKey.self] }
        set { storage[ConnectionKey.self] = newValue }
    }

    /// Asked by work that outlives the client's patience.
    package var clientIsGone: @Sendable () -> Bool {
        let connection = clientConnection
        return { connection.map { !$0.isOpen } ?? false }
    }
}
