import CampusPlatform
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// One plain-text email to one recipient (`addr@example.com` or `Name <addr@example.com>`).
public struct SMTPMessage: Sendable {
    public var to: String
    public var subject: String
    public var body: String

    public init(to: String, subject: String, body: String) {
        self.to = to
        self.subject = subject
        self.body = body
    }
}

/// Why a delivery failed. Carries the server's reply where there is one; never credentials or the body.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// The server answered `command` (a verb such as `RCPT TO`, never its arguments) with `code`.
    case rejected(command: String, code: Int, text: String)
    case connectionClosed(command: String)
    case timedOut
    case startTLSUnavailable
    case authenticationUnavailable(offered: [String])
    case internationalAddressUnsupported
    case invalidAddress
    case malformedReply
    /// Bytes followed the plaintext 220 to STARTTLS: someone may be injecting replies.
    case unexpectedDataAfterStartTLS

    /// What an operator needs in the log to fix the relay: the description without the server's own words,
    /// which may echo an address.
    public var logSummary: String {
        if case .rejected(let command, let code, _) = self { return "SMTP server rejected \(command) with \(code)" }
        return description
    }

    /// The server's reply code, when the failure is a rejection.
    public var code: Int? {
        if case .rejected(_, let code, _) = self { return code }
        return nil
    }

    public var description: String {
        switch self {
        case .rejected(let command, let code, let text): "SMTP server rejected \(command) with \(code): \(text)"
        case .connectionClosed(let command): "SMTP server closed the connection while waiting for the reply to \(command)"
        case .timedOut: "SMTP transaction timed out"
        case .startTLSUnavailable: "SMTP server does not offer STARTTLS (use smtps:// for implicit TLS, or ?tls=none for a local test server)"
        case .authenticationUnavailable(let offered):
            "SMTP server offers no supported AUTH mechanism (need PLAIN or LOGIN; offered: \(offered.isEmpty ? "none" : offered.joined(separator: " ")))"
        case .internationalAddressUnsupported: "an address is not ASCII and the SMTP server does not offer SMTPUTF8"
        case .invalidAddress: "a sender or recipient is not a valid mailbox"
        case .malformedReply: "SMTP server sent a malformed reply"
        case .unexpectedDataAfterStartTLS: "SMTP server sent data after its STARTTLS reply before TLS began"
        }
    }

    public var errorDescription: String? { description }
}

/// Submits mail over SMTP: one connection per message, which suits low-volume transactional mail and
/// keeps the client free of connection state.
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    public let eventLoopGroup: any EventLoopGroup
    public let logger: Logger
    /// Bounds connect plus the whole conversation, so a stalled server cannot hold a sender forever.
    public let timeout: TimeAmount

    public init(configuration: SMTPConfiguration, eventLoopGroup: any EventLoopGroup, logger: Logger, timeout: TimeAmount = .seconds(30)) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.timeout = timeout
    }

    public func send(_ message: SMTPMessage) async throws {
        let config = configuration
        let sender = try SMTPAddress.parse(config.from)
        let recipient = try SMTPAddress.parse(message.to)
        let tls = try config.security == .none ? nil : SMTPTLSSettings(config)
        var logger = logger
        logger[metadataKey: "smtp_server"] = "\(config.host):\(config.port)"

        let deadline = NIODeadline.now() + timeout
        let startTLS = config.security == .startTLS ? tls : nil
        let channel: NIOAsyncChannel<SMTPReply, SMTPOutbound>
        do {
            channel = try await connect(config, tls: tls, startTLS: startTLS)
        } catch ChannelError.connectTimeout {
            // The whole transaction has one time limit; running out of it while connecting is the same timeout.
            throw SMTPError.timedOut
        }
        // Failing the pipeline ends the reply stream with `.timedOut`, wherever the conversation waits.
        let timer = channel.channel.eventLoop.scheduleTask(deadline: deadline) { [channel = channel.channel] in
            channel.pipeline.fireErrorCaught(SMTPError.timedOut)
            channel.close(promise: nil)
        }
        defer { timer.cancel() }

        let heloName = Self.heloName(channel.channel.localAddress)
        do {
            try await converse(over: channel, heloName: heloName, sender: sender, recipient: recipient, message: message, logger: logger)
        } catch let error as SMTPError {
            throw error
        } catch where Task.isCancelled {
            throw CancellationError()
        } catch where NIODeadline.now() >= deadline {
            // Closing the channel on timeout surfaces as "I/O on closed channel" in whatever was pending.
            throw SMTPError.timedOut
        }
    }

    private func connect(_ config: SMTPConfiguration, tls: SMTPTLSSettings?,
                         startTLS: SMTPTLSSettings?) async throws -> NIOAsyncChannel<SMTPReply, SMTPOutbound> {
        try await ClientBootstrap(group: eventLoopGroup)
            .connectTimeout(timeout)
            .connect(host: config.host, port: config.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if config.security == .implicitTLS, let tls {
                        try pipeline.addHandler(tls.makeHandler())
                    }
                    try pipeline.addHandler(SMTPConnectionHandler(startTLS: startTLS))
                    return try NIOAsyncChannel<SMTPReply, SMTPOutbound>(wrappingChannelSynchronously: channel)
                }
            }
    }

    private func converse(
        over channel: NIOAsyncChannel<SMTPReply, SMTPOutbound>, heloName: String,
        sender: SMTPAddress, recipient: SMTPAddress, message: SMTPMessage, logger: Logger
    ) async throws {
        let config = configuration
        try await channel.executeThenClose { inbound, outbound in
            var session = SMTPSession(replies: inbound.makeAsyncIterator(), outbound: outbound, logger: logger)
            try await session.expect(220, to: "greeting")
            var capabilities = try await session.hello(heloName)
            if config.security == .startTLS {
                guard capabilities.keywords.contains("STARTTLS") else { throw SMTPError.startTLSUnavailable }
                try await outbound.write(.startTLS)
                try await session.expect(220, to: "STARTTLS")
                // Capabilities seen before TLS may have been forged; only the encrypted answer counts.
                capabilities = try await session.hello(heloName)
            }
            if let username = config.username, let password = config.password {
                try await session.authenticate(username: username, password: password, offered: capabilities.authMechanisms)
            }

            let international = !sender.address.allSatisfy(\.isASCII) || !recipient.address.allSatisfy(\.isASCII)
            if international && !capabilities.keywords.contains("SMTPUTF8") { throw SMTPError.internationalAddressUnsupported }
            let content = SMTPMessageRenderer.render(
                message, from: sender, to: recipient, date: Date(), allow8bit: capabilities.keywords.contains("8BITMIME"))
            var mailFrom = "MAIL FROM:<\(sender.address)>"
            if content.eightBit && capabilities.keywords.contains("8BITMIME") { mailFrom += " BODY=8BITMIME" }
            if international { mailFrom += " SMTPUTF8" }
            try await session.command(mailFrom, label: "MAIL FROM", expect: [250])
            try await session.command("RCPT TO:<\(recipient.address)>", label: "RCPT TO", expect: [250, 251])
            try await session.command("DATA", label: "DATA", expect: [354])
            try await outbound.write(.raw(ByteBuffer(string: content.data)))
            try await session.expect(250, to: "end of DATA")
            logger.info("mail accepted by SMTP server")

            // The message is delivered now; failing here would only make the caller send it twice.
            do {
                try await session.command("QUIT", label: "QUIT", expect: [221])
            } catch {
                logger.debug("SMTP QUIT failed after delivery", metadata: ["error": "\(error)"])
            }
        }
    }

    /// EHLO with an address literal: needs no DNS and is what RFC 5321 asks of hosts without a usable name.
    private static func heloName(_ address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress else { return "[127.0.0.1]" }
        if case .v6 = address { return "[IPv6:\(ip)]" }
        return "[\(ip)]"
    }
}

/// Everything the event loop needs to start TLS; created before connecting so a bad TLS setup fails fast.
private struct SMTPTLSSettings: Sendable {
    package let context: NIOSSLContext
    /// nil for IP literals, which SNI forbids; NIOSSL then checks the certificate against the address.
    package let serverHostname: String?

    package init(_ config: SMTPConfiguration) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        if !config.verifyCertificates { tls.certificateVerification = .none }
        context = try NIOSSLContext(configuration: tls)
        serverHostname = (try? SocketAddress(ipAddress: config.host, port: 0)) == nil ? config.host : nil
    }

    package func makeHandler() throws -> NIOSSLClientHandler {
        try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
    }
}

/// One reply, possibly multi-line (`250-a`, `250 b` gives lines `["a", "b"]`).
package struct SMTPReply: Sendable, Equatable {
    package var code: Int
    package var lines: [String]

    package init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }
    package var text: String { lines.joined(separator: " / ") }
}

package enum SMTPOutbound: Sendable {
    /// A command; the handler adds CRLF.
    case line(String)
    /// `STARTTLS`, after whose 220 the handler switches the connection to TLS.
    case startTLS
    /// Pre-encoded DATA payload including the final `.` line.
    case raw(ByteBuffer)
}

/// What EHLO said the server supports (keywords upper-cased).
private struct SMTPCapabilities {
    package var keywords: Set<String> = []
    package var authMechanisms: [String] = []

    package init(_ reply: SMTPReply) {
        for line in reply.lines.dropFirst() {
            // Old servers write `AUTH=LOGIN`; treat it like `AUTH LOGIN`.
            let words = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
            guard let keyword = words.first else { continue }
            keywords.insert(keyword)
            if keyword == "AUTH" { authMechanisms += words.dropFirst() }
        }
    }
}

/// The client side of one conversation. Logs verbs and reply codes only: arguments can hold credentials.
private struct SMTPSession {
    package var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
    package let outbound: NIOAsyncChannelOutboundWriter<SMTPOutbound>
    package let logger: Logger

    @discardableResult
    package mutating func expect(_ codes: Set<Int>, to label: String) async throws -> SMTPReply {
        guard let reply = try await replies.next() else { throw SMTPError.connectionClosed(command: label) }
        logger.trace("SMTP reply", metadata: ["command": "\(label)", "code": "\(reply.code)"])
        guard codes.contains(reply.code) else {
            throw SMTPError.rejected(command: label, code: reply.code, text: String(reply.text.prefix(1000)))
        }
        return reply
    }

    @discardableResult
    package mutating func expect(_ code: Int, to label: String) async throws -> SMTPReply {
        try await expect([code], to: label)
    }

    @discardableResult
    package mutating func command(_ line: String, label: String, expect codes: Set<Int>) async throws -> SMTPReply {
        try await outbound.write(.line(line))
        return try await expect(codes, to: label)
    }

    package mutating func hello(_ name: String) async throws -> SMTPCapabilities {
        SMTPCapabilities(try await command("EHLO \(name)", label: "EHLO", expect: [250]))
    }

    package mutating func authenticate(username: String, password: String, offered: [String]) async throws {
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        if offered.contains("PLAIN") {
            try await command("AUTH PLAIN " + base64("\0\(username)\0\(password)"), label: "AUTH PLAIN", expect: [235])
        } else if offered.contains("LOGIN") {
            try await command("AUTH LOGIN", label: "AUTH LOGIN", expect: [334])
            try await command(base64(username), label: "AUTH LOGIN user name", expect: [334])
            try await command(base64(password), label: "AUTH LOGIN password", expect: [235])
        } else {
            throw SMTPError.authenticationUnavailable(offered: offered)
        }
        logger.debug("SMTP authenticated")
    }
}

/// Frames replies and performs the STARTTLS switch on the event loop, in the same read that delivers
/// the 220: no plaintext byte can then slip in as if it came over TLS (STARTTLS response injection).
private final class SMTPConnectionHandler: ChannelDuplexHandler {
    package typealias InboundIn = ByteBuffer
    package typealias InboundOut = SMTPReply
    package typealias OutboundIn = SMTPOutbound
    package typealias OutboundOut = ByteBuffer

    /// Generous bounds so a broken or hostile server cannot make us buffer without limit.
    private static let maxLineBytes = 16 * 1024
    private static let maxLines = 512

    private let startTLS: SMTPTLSSettings?
    private var buffer = ByteBuffer()
    private var lines: [String] = []
    private var code = 0
    private var awaitingStartTLSReply = false

    package init(startTLS: SMTPTLSSettings?) {
        self.startTLS = startTLS
    }

    package func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let bytes: ByteBuffer
        switch unwrapOutboundIn(data) {
        case .line(let line): bytes = ByteBuffer(string: line + "\r\n")
        case .startTLS:
            awaitingStartTLSReply = true
            bytes = ByteBuffer(string: "STARTTLS\r\n")
        case .raw(let raw): bytes = raw
        }
        context.writeAndFlush(wrapOutboundOut(bytes), promise: promise)
    }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        buffer.writeBuffer(&incoming)
        do {
            while let reply = try nextReply() {
                if awaitingStartTLSReply {
                    awaitingStartTLSReply = false
                    if reply.code == 220, let startTLS {
                        guard buffer.readableBytes == 0 else { throw SMTPError.unexpectedDataAfterStartTLS }
                        try context.pipeline.syncOperations.addHandler(startTLS.makeHandler(), position: .before(self))
                        // The channelReadComplete for this read now passes through the TLS handler, which
                        // swallows it; without our own the 220 would sit in the reply stream's buffer.
                        context.fireChannelRead(wrapInboundOut(reply))
                        context.fireChannelReadComplete()
                        continue
                    }
                }
                context.fireChannelRead(wrapInboundOut(reply))
            }
            buffer.discardReadBytes()
        } catch {
            context.fireErrorCaught(error)
            context.close(promise: nil)
        }
    }

    private func nextReply() throws -> SMTPReply? {
        while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let length = buffer.readableBytesView.distance(from: buffer.readableBytesView.startIndex, to: newline) + 1
            guard length <= Self.maxLineBytes, var bytes = buffer.readBytes(length: length) else { throw SMTPError.malformedReply }
            bytes.removeLast()
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }

            let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
            guard bytes.count >= 3, bytes[0...2].allSatisfy(isDigit),
                  bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-"),
                  let lineCode = Int(String(decoding: bytes[0...2], as: UTF8.self)),
                  lines.isEmpty || lineCode == code, lines.count < Self.maxLines
            else { throw SMTPError.malformedReply }
            code = lineCode
            lines.append(String(decoding: bytes.dropFirst(4), as: UTF8.self))
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") {
                defer { lines = [] }
                return SMTPReply(code: code, lines: lines)
            }
        }
        if buffer.readableBytes > Self.maxLineBytes { throw SMTPError.malformedReply }
        return nil
    }
}

/// Builds the DATA payload: headers, body with CRLF line ends and dot-stuffing, final `.` line.
package enum SMTPMessageRenderer {
    package struct Rendered {
        package var data: String
        /// True when the body goes as raw UTF-8 (`8bit`), false when it had to be base64-encoded.
        package var eightBit: Bool

        package init(data: String, eightBit: Bool) {
            self.data = data
            self.eightBit = eightBit
        }
    }

    package static func render(_ message: SMTPMessage, from: SMTPAddress, to: SMTPAddress, date: Date, allow8bit: Bool) -> Rendered {
        var lines = message.body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" })
            .map(String.init)
        if lines.last == "" { lines.removeLast() }
        // 8bit needs the server's 8BITMIME for non-ASCII text, and SMTP caps lines at 998 octets.
        let eightBit = (allow8bit || message.body.allSatisfy(\.isASCII))
            && lines.allSatisfy { $0.utf8.count <= 998 && !$0.utf8.contains(0) }
        if !eightBit {
            let encoded = Data(lines.map { $0 + "\r\n" }.joined().utf8).base64EncodedString()
            lines = stride(from: 0, to: encoded.count, by: 76).map { offset in
                let start = encoded.index(encoded.startIndex, offsetBy: offset)
                return String(encoded[start..<(encoded.index(start, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex)])
            }
        }

        let domain = from.domain.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") } ? from.domain : "campus.local"
        let headers = [
            "From: " + mailbox(from),
            "To: " + mailbox(to),
            "Subject: " + headerText(message.subject),
            "Date: " + rfc5322Date(date),
            "Message-ID: <\(UUID().uuidString.lowercased())@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: " + (eightBit ? "8bit" : "base64"),
        ]
        var data = headers.joined(separator: "\r\n") + "\r\n\r\n"
        for line in lines {
            // Dot-stuffing (RFC 5321 4.5.2): a line starting with "." must not end the DATA early.
            data += (line.hasPrefix(".") ? "." : "") + line + "\r\n"
        }
        data += ".\r\n"
        return Rendered(data: data, eightBit: eightBit)
    }

    package static func mailbox(_ address: SMTPAddress) -> String {
        guard let name = address.name else { return address.address }
        return phrase(name) + " <\(address.address)>"
    }

    private static func phrase(_ name: String) -> String {
        let atext = Set("!#$%&'*+-/=?^_`{|}~ ")
        if name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || atext.contains($0)) }) && !name.contains("=?") {
            return name
        }
        if name.allSatisfy(\.isASCII) && !name.contains("=?") {
            return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return encodedWords(name)
    }

    /// Unstructured header text, RFC 2047-encoded when it is not short plain ASCII.
    package static func headerText(_ text: String) -> String {
        // A line break in a header would start a new header: flatten control characters first.
        let flat = String(text.map { $0.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control } ? " " : $0 })
        if flat.allSatisfy(\.isASCII) && !flat.contains("=?") && flat.utf8.count <= 900 {
            return flat
        }
        return encodedWords(flat)
    }

    /// `=?UTF-8?B?...?=` words of at most 39 UTF-8 bytes each (64 characters encoded), split between
    /// characters so no word holds half a character, folded onto continuation lines.
    package static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk = ""
        for character in text {
            if !chunk.isEmpty && chunk.utf8.count + String(character).utf8.count > 39 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty || words.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    package static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
