import Foundation
import NIOCore
import NIOHTTP1
import Vapor

/// One connection's requests: collects each body (up to the routes' maximum), hands the request to
/// Vapor's responder and writes the answer. What the parser refuses, and methods Campus never serves,
/// get a problem+json answer instead of a silent close. `HTTPServerPipelineHandler` in front keeps
/// pipelined requests in order, one at a time.
package final class CampusHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    package typealias InboundIn = HTTPServerRequestPart
    package typealias OutboundOut = HTTPServerResponsePart

    package static let servedMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    private enum State {
        case idle
        case collecting(HTTPRequestHead, ByteBuffer)
        case refusing(HTTPRequestHead, Refusal)
        case responding
        case closing
    }

    private struct Refusal {
        package let status: HTTPResponseStatus
        package let slug: String
        package let detail: String
    }

    private var state = State.idle
    private var date = HTTPDateHeader()
    private let connection = ClientConnection()
    private let application: Application
    private let responder: any Responder
    private let maximumBodySize: Int

    package init(application: Application, responder: any Responder, maximumBodySize: Int) {
        self.application = application
        self.responder = responder
        self.maximumBodySize = maximumBodySize
    }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch (unwrapInboundIn(data), state) {
        case (.head(let head), .idle):
            if !Self.servedMethods.contains(head.method.rawValue) {
                state = .refusing(head, Refusal(status: .methodNotAllowed, slug: "method-not-allowed",
                                                detail: "Campus does not serve \(head.method.rawValue) requests."))
            } else if let length = head.headers.first(name: "content-length").flatMap(Int.init), length > maximumBodySize {
                refuseNow(Self.tooLarge, context: context)
            } else {
                state = .collecting(head, context.channel.allocator.buffer(capacity: 0))
            }
        case (.body(var part), .collecting(let head, var body)):
            guard body.readableBytes + part.readableBytes <= maximumBodySize else {
                refuseNow(Self.tooLarge, context: context)
                return
            }
            body.writeBuffer(&part)
            state = .collecting(head, body)
        case (.end, .collecting(let head, let body)):
            state = .responding
            respond(to: head, body: body, context: context)
        case (.end, .refusing(let head, let refusal)):
            // After CONNECT the parser has stopped reading this connection, so it must close.
            let keepAlive = head.isKeepAlive && head.method != .CONNECT
            state = keepAlive ? .idle : .closing
            writeProblem(refusal, allow: refusal.status == .methodNotAllowed, keepAlive: keepAlive, context: context)
        default:
            // The rest of a refused request, or anything after the answer that closes the connection.
            break
        }
    }

    package func channelInactive(context: ChannelHandlerContext) {
        connection.closed()
        context.fireChannelInactive()
    }

    package func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if case .closing = state { return }
        guard let parserError = error as? HTTPParserError else {
            context.close(promise: nil)
            return
        }
        let refusal = switch parserError {
        case .invalidMethod:
            Refusal(status: .methodNotAllowed, slug: "method-not-allowed", detail: "The request method is not one Campus serves.")
        case .headerOverflow:
            Refusal(status: .requestHeaderFieldsTooLarge, slug: "headers-too-large",
                    detail: "The request headers are larger than 64 KB (16 KB for one line).")
        default:
            Refusal(status: .badRequest, slug: "bad-request", detail: "The request is not valid HTTP/1.1.")
        }
        refuseNow(refusal, allow: parserError == .invalidMethod, context: context)
    }

    /// Answers and closes without reading the rest of the request.
    private func refuseNow(_ refusal: Refusal, allow: Bool = false, context: ChannelHandlerContext) {
        state = .closing
        writeProblem(refusal, allow: allow, keepAlive: false, context: context)
    }

    private static let tooLarge = Refusal(status: .payloadTooLarge, slug: "payload-too-large", detail: "The request body is larger than 1 MB.")

    private func respond(to head: HTTPRequestHead, body: ByteBuffer, context: ChannelHandlerContext) {
        let loop = context.eventLoop
        let request = Request(application: application, method: head.method, url: URI(path: head.uri), version: head.version,
                              headersNoUpdate: head.headers, collectedBody: body.readableBytes > 0 ? body : nil,
                              remoteAddress: context.channel.remoteAddress, peerCertificateChain: nil,
                              logger: application.logger, byteBufferAllocator: context.channel.allocator, on: loop)
        request.clientConnection = connection
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        responder.respond(to: request)
            .flatMap { response -> EventLoopFuture<(Response, [ByteBuffer])> in
                if let parts = response.storage[Response.BodyPartsKey.self] { return loop.makeSucceededFuture((response, parts)) }
                return response.body.collect(on: loop).map { (response, $0.map { [$0] } ?? []) }
            }
            .hop(to: loop)
            .whenComplete { result in
                let (handler, context) = bound.value
                switch result {
                case .success(let (response, parts)):
                    handler.write(response, body: parts, for: head, context: context)
                case .failure:
                    handler.refuseNow(Refusal(status: .internalServerError, slug: "internal-error",
                                              detail: "Something went wrong on our side."), context: context)
                }
            }
    }

    private func write(_ response: Response, body: [ByteBuffer], for head: HTTPRequestHead, context: ChannelHandlerContext) {
        let keepAlive = head.isKeepAlive
        var headers = response.headers
        headers.remove(name: .transferEncoding)
        if response.status.mayHaveResponseBody {
            headers.replaceOrAdd(name: .contentLength, value: String(body.reduce(0) { $0 + $1.readableBytes }))
        }
        headers.replaceOrAdd(name: .connection, value: keepAlive ? "keep-alive" : "close")
        headers.replaceOrAdd(name: .date, value: date.current())
        state = keepAlive ? .idle : .closing
        let sendsBody = head.method != .HEAD && response.status.mayHaveResponseBody
        send(HTTPResponseHead(version: head.version, status: response.status, headers: headers),
             body: sendsBody ? body : [], keepAlive: keepAlive, context: context)
    }

    private func writeProblem(_ refusal: Refusal, allow: Bool, keepAlive: Bool, context: ChannelHandlerContext) {
        let problem = ProblemBody(type: Problem.typeBase + refusal.slug, title: refusal.status.reasonPhrase,
                                  status: Int(refusal.status.code), detail: refusal.detail, instance: nil,
                                  requestID: nil, errors: nil)
        let body = context.channel.allocator.buffer(data: (try? JSONEncoder.campus.encode(problem)) ?? Data())
        var headers = HTTPHeaders([
            ("Content-Type", "application/problem+json; charset=utf-8"),
            ("Content-Length", String(body.readableBytes)),
            ("Connection", keepAlive ? "keep-alive" : "close"),
            ("Date", date.current()),
        ])
        if allow { headers.add(name: "Allow", value: Self.servedMethods.sorted().joined(separator: ", ")) }
        send(HTTPResponseHead(version: .http1_1, status: refusal.status, headers: headers), body: [body], keepAlive: keepAlive, context: context)
    }

    private func send(_ head: HTTPResponseHead, body: [ByteBuffer], keepAlive: Bool, context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        for part in body where part.readableBytes > 0 { context.write(wrapOutboundOut(.body(.byteBuffer(part))), promise: nil) }
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        guard !keepAlive else { return }
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        written.whenComplete { _ in
            // Close our side first and give the client a moment to read the answer: closing at once
            // with unread input (a 100 KB header block) makes the kernel reset the connection, and the
            // reset can destroy the answer before the client reads it.
            bound.value.close(mode: .output, promise: nil)
            bound.value.eventLoop.scheduleTask(in: .seconds(2)) { bound.value.close(promise: nil) }
        }
    }
}

private extension HTTPResponseStatus {
    package var mayHaveResponseBody: Bool {
        !(code < 200 || self == .noContent || self == .notModified)
    }
}
