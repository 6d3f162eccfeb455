import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix
import Vapor

/// The HTTP/1.1 server Campus listens with, in place of Vapor's. Vapor's pipeline cannot be extended,
/// and it answers nothing at all to a request line or header block its parser rejects (an unknown
/// method, 100 KB of headers): it closes the connection. It also keeps a connection after `CONNECT`,
/// whose parser has stopped, so everything sent later on it goes unanswered. This server runs the same
/// parser (NIO's llhttp decoder) with explicit limits and answers those cases with problem+json
/// (405, 431, 400) before closing; everything else goes to Vapor's responder as before.
///
/// Plain HTTP/1.1 only: TLS ends at the proxy in front (see the README's production set-up).
package final class CampusHTTPServer: Server, Sendable {
    private struct Running {
        package let channel: any Channel
        package let quiescing: ServerQuiescingHelper
    }

    private struct Key: StorageKey {
        package typealias Value = CampusHTTPServer
    }

    /// Makes this the application's server. Vapor asks the factory on every use of `app.server`, so
    /// the one instance lives in the application's storage.
    package static func use(_ app: Application) {
        app.servers.use { app in
            if let server = app.storage[Key.self] { return server }
            let server = CampusHTTPServer(app)
            app.storage[Key.self] = server
            return server
        }
    }

    package static func running(in app: Application) -> CampusHTTPServer? { app.storage[Key.self] }

    private let app: Application
    private let running = NIOLockedValueBox<Running?>(nil)
    private let closed: EventLoopPromise<Void>
    private let closedOnce = NIOLockedValueBox(false)

    private init(_ app: Application) {
        self.app = app
        self.closed = app.eventLoopGroup.any().makePromise()
    }

    package var onShutdown: EventLoopFuture<Void> { closed.futureResult }

    package var localAddress: SocketAddress? { running.withLockedValue { $0?.channel.localAddress } }

    package func start(address: BindAddress?) async throws {
        let configuration = app.http.server.configuration
        let responder = app.responder.current
        let application = app
        let maximumBody = app.routes.defaultMaxBodySize.value
        let quiescing = ServerQuiescingHelper(group: app.eventLoopGroup)
        let bootstrap = ServerBootstrap(group: app.eventLoopGroup)
            .serverChannelOption(ChannelOptions.backlog, value: Int32(configuration.backlog))
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: configuration.reuseAddress ? 1 : 0)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: configuration.tcpNoDelay ? 1 : 0)
            .childChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([
                        HTTPResponseEncoder(),
                        ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes,
                                                                informationalResponseStrategy: .drop,
                                                                limitConfiguration: Self.limits)),
                        HTTPServerPipelineHandler(),
                        CampusHTTPHandler(application: application, responder: responder, maximumBodySize: maximumBody),
                    ])
                }
            }
        let channel: any Channel
        switch address ?? configuration.address {
        case .hostname(let host, let port):
            channel = try await bootstrap.bind(host: host ?? configuration.hostname, port: port ?? configuration.port).get()
        case .unixDomainSocket(let path):
            channel = try await bootstrap.bind(unixDomainSocketPath: path).get()
        }
        running.withLockedValue { $0 = Running(channel: channel, quiescing: quiescing) }
        if let bound = channel.localAddress {
            app.logger.notice("Server started on http://\(bound.ipAddress ?? configuration.hostname):\(bound.port ?? configuration.port)")
        }
    }

    @available(*, noasync)
    package func start(address: BindAddress?) throws {
        try app.eventLoopGroup.any().makeFutureWithTask { try await self.start(address: address) }.wait()
    }

    @available(*, deprecated)
    package func start(hostname: String?, port: Int?) throws {
        try app.eventLoopGroup.any().makeFutureWithTask { try await self.start(address: .hostname(hostname, port: port)) }.wait()
    }

    /// Stops accepting, lets requests in flight finish (each connection closes after its current
    /// answer), then completes `onShutdown`.
    package func shutdown() async {
        if let current = running.withLockedValue({ state in defer { state = nil }; return state }) {
            let done = app.eventLoopGroup.any().makePromise(of: Void.self)
            current.quiescing.initiateShutdown(promise: done)
            try? await done.futureResult.get()
        }
        let first = closedOnce.withLockedValue { wasClosed in defer { wasClosed = true }; return !wasClosed }
        if first { closed.succeed() }
    }

    @available(*, noasync)
    package func shutdown() {
        try? app.eventLoopGroup.any().makeFutureWithTask { await self.shutdown() }.wait()
    }

    /// One header line may be 16 KB and a whole header block 64 KB; past that the answer is 431.
    package static let limits: NIOHTTPDecoderLimitConfiguration = {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderFieldSize = 16 * 1024
        limits.maxHeaderListSize = 64 * 1024
        limits.maxHeaderFieldCount = 200
        return limits
    }()
}
