import Foundation
import Logging
import NIOCore
import NIOPosix
import Testing

@testable import CampusAccounts
@testable import CampusAdmin
@testable import CampusCatalog
@testable import CampusCompatibility
@testable import CampusLearning
@testable import CampusPlatform
@testable import CampusQuizzes
@testable import CampusServer

@Suite("SMTP client")
struct SMTPClientTests {
    static let password = "Sup3r:S3cret@/pw"
    static let encodedPassword = "Sup3r%3AS3cret%40%2Fpw"
    static let subject = "Код подтверждения для входа в Campus — проверка длинной темы письма"
    static let body = "Здравствуйте!\n.Эта строка начинается с точки\n..и эта с двух\n.\nКонец письма ✅"

    // MARK: URL parsing

    @Test func parsesSMTPURLs() throws {
        let full = try SMTPConfiguration.parse(
            "smtp://user:p%40ss@mail.example.com:2525?from=Campus%20%3Cno-reply%40example.com%3E")
        #expect(full == SMTPConfiguration(
            host: "mail.example.com", port: 2525, username: "user", password: "p@ss",
            security: .startTLS, verifyCertificates: true, from: "Campus <no-reply@example.com>"))

        let plain = try SMTPConfiguration.parse("smtp://mail.example.com")
        #expect(plain.port == 587 && plain.security == .startTLS && plain.username == nil && plain.password == nil)
        #expect(plain.from == "Campus <no-reply@campus.local>" && plain.verifyCertificates)

        let implicit = try SMTPConfiguration.parse("smtps://u:\(Self.encodedPassword)@smtp.example.com?tls_verify=false")
        #expect(implicit.port == 465 && implicit.security == .implicitTLS && !implicit.verifyCertificates)
        #expect(implicit.password == Self.password)

        let local = try SMTPConfiguration.parse("smtp://127.0.0.1:1025?tls=none")
        #expect(local.security == .none && local.port == 1025)
        #expect(try SMTPConfiguration.parse("smtp://[::1]:25?tls=none").host == "::1")
        // Lenient where the intent is unambiguous: the last "@" ends the password.
        #expect(try SMTPConfiguration.parse("smtp://u:a@b@mail.example.com").password == "a@b")
    }

    @Test func rejectsMalformedURLsWithoutEchoingThePassword() throws {
        let pw = Self.encodedPassword
        let bad = [
            "http://u:\(pw)@mail.example.com",
            "u:\(pw)@mail.example.com",
            "smtp://u:\(pw)@",
            "smtp://u:\(pw)@mail.example.com:0",
            "smtp://u:\(pw)@mail.example.com:99999",
            "smtp://u:\(pw)@mail.example.com/path",
            "smtp://u:\(pw)@mail.example.com?tls=maybe",
            "smtps://u:\(pw)@mail.example.com?tls=none",
            "smtp://u:\(pw)@mail.example.com?tls_verify=perhaps",
            "smtp://u:\(pw)@mail.example.com?form=x",
            "smtp://u:\(pw)@mail.example.com?from=not-an-address",
            "smtp://u:\(pw)@mail.example.com?from=a%40b.c&from=d%40e.f",
            "smtp://:\(pw)@mail.example.com",
            "smtp://u@mail.example.com",
            // Unencoded reserved characters shift parts of the password into other components.
            "smtp://u:Sup3r:S3cret@/pw@mail.example.com",
            "smtp://u:12345?Sup3r@mail.example.com",
            "smtp://u:12345#Sup3r@mail.example.com",
        ]
        for url in bad {
            do {
                let parsed = try SMTPConfiguration.parse(url)
                Issue.record("accepted \(parsed)")
            } catch {
                let texts = ["\(error)", String(reflecting: error), error.localizedDescription]
                for text in texts {
                    #expect(!text.contains("Sup3r") && !text.contains("S3cret") && !text.contains("12345"), "leaks: \(text)")
                }
                #expect(error is SMTPConfigurationError)
            }
        }
    }

    @Test("the outbox logs why a delivery failed, without the server's words (they may echo an address)")
    func logSummaryNamesTheCauseWithoutAddresses() {
        let rejected = SMTPError.rejected(command: "RCPT TO", code: 550, text: "5.1.1 <guest@example.com>: no such user")
        #expect(rejected.logSummary == "SMTP server rejected RCPT TO with 550")
        #expect(SMTPError.startTLSUnavailable.logSummary.contains("tls=none"))
    }

    @Test func configurationDescriptionHidesPassword() throws {
        let config = try SMTPConfiguration.parse("smtp://u:\(Self.encodedPassword)@mail.example.com")
        var dumped = ""
        dump(config, to: &dumped)
        for text in ["\(config)", String(reflecting: config), dumped] {
            #expect(!text.contains("S3cret") && text.contains("mail.example.com"), "\(text)")
        }
    }

    // MARK: Message rendering

    @Test func rendersHeadersDotStuffingAndCRLF() throws {
        let from = try SMTPAddress.parse("Кампус <no-reply@example.com>")
        let to = try SMTPAddress.parse("student@example.org")
        let rendered = SMTPMessageRenderer.render(
            SMTPMessage(to: "student@example.org", subject: Self.subject, body: Self.body),
            from: from, to: to, date: Date(timeIntervalSince1970: 0), allow8bit: true)
        #expect(rendered.eightBit)
        let data = rendered.data
        #expect(!data.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!data.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        #expect(data.contains("\r\nDate: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        #expect(data.contains("\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"))
        #expect(data.contains("From: =?UTF-8?B?"))
        #expect(data.contains("\r\nTo: student@example.org\r\n"))
        #expect(data.contains("\r\n\r\nЗдравствуйте!\r\n..Эта строка начинается с точки\r\n"))
        #expect(data.contains("\r\n...и эта с двух\r\n..\r\n"))
        #expect(data.hasSuffix("Конец письма ✅\r\n.\r\n"))
        let headerBlock = data.components(separatedBy: "\r\n\r\n")[0]
        for line in headerBlock.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 78, "header line too long: \(line)")
            let ascii = line.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(ascii, "header not ASCII: \(line)")
        }

        let forced = SMTPMessageRenderer.render(
            SMTPMessage(to: "student@example.org", subject: "Plain subject", body: Self.body),
            from: from, to: to, date: Date(), allow8bit: false)
        #expect(!forced.eightBit)
        #expect(forced.data.contains("Subject: Plain subject\r\n"))
        #expect(forced.data.contains("Content-Transfer-Encoding: base64\r\n"))
        let encodedBody = forced.data.components(separatedBy: "\r\n\r\n")[1].replacingOccurrences(of: "\r\n", with: "").dropLast()
        let decoded = try #require(Data(base64Encoded: String(encodedBody)))
        #expect(String(decoding: decoded, as: UTF8.self) == Self.body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
    }

    @Test func flattensLineBreaksInSubjectsAndRejectsHeaderInjection() throws {
        #expect(SMTPMessageRenderer.headerText("a\r\nBcc: x@y.z") == "a Bcc: x@y.z")
        #expect(throws: SMTPError.invalidAddress) { try SMTPAddress.parse("a@b.c\r\nRCPT TO:<x@y.z>") }
        #expect(throws: SMTPError.invalidAddress) { try SMTPAddress.parse("a@b.c> NOTIFY=NEVER") }
        #expect(throws: SMTPError.invalidAddress) { try SMTPAddress.parse("no-at-sign") }
        #expect(try SMTPAddress.parse("\"Doe, J.\" <j@x.org>") == SMTPAddress(name: "Doe, J.", address: "j@x.org"))
        #expect(SMTPMessageRenderer.mailbox(SMTPAddress(name: "Doe, J.", address: "j@x.org")) == "\"Doe, J.\" <j@x.org>")
    }

    // MARK: Against a real SMTP server (aiosmtpd)

    @Test(.enabled(if: SMTPSink.isAvailable, SMTPSink.unavailableReason))
    func deliversOverSTARTTLSWithAuthPlain() async throws {
        let directory = try SMTPTestDirectory()
        let cert = try directory.selfSignedCertificate()
        let sink = try SMTPSink(in: directory, arguments: [
            "--tls-cert", cert.certificate, "--tls-key", cert.key, "--auth-user", "campus", "--auth-password", Self.password,
        ])
        defer { sink.stop() }
        let logs = SMTPLogCapture()
        let config = try SMTPConfiguration.parse(
            "smtp://campus:\(Self.encodedPassword)@localhost:\(sink.port)?tls_verify=false&from=Campus%20%3Cno-reply%40campus.test%3E")
        try await SMTPClient(configuration: config, eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: logs.logger)
            .send(SMTPMessage(to: "Студент <student@example.org>", subject: Self.subject, body: Self.body))

        let mail = try #require(try sink.messages().only)
        #expect(mail.deliveredTo == "student@example.org")
        #expect(mail.returnPath == "<no-reply@campus.test>")
        #expect(mail.tls == "yes" && mail.auth == "campus")
        #expect(mail.to == "Студент <student@example.org>")
        #expect(mail.from == "Campus <no-reply@campus.test>")
        #expect(mail.subject == Self.subject)
        #expect(mail.body == Self.body + "\n")
        #expect(mail.contentTransferEncoding == "8bit" && mail.dateIsValid && mail.hasMessageID && mail.defects.isEmpty)

        let logged = logs.text
        #expect(logged.contains("mail accepted"))
        for secret in [Self.password, Data("\0campus\0\(Self.password)".utf8).base64EncodedString(), "Здравствуйте"] {
            #expect(!logged.contains(secret), "log leaks a secret or the body")
        }
    }

    @Test(.enabled(if: SMTPSink.isAvailable, SMTPSink.unavailableReason))
    func deliversOverImplicitTLS() async throws {
        let directory = try SMTPTestDirectory()
        let cert = try directory.selfSignedCertificate()
        let sink = try SMTPSink(in: directory, arguments: [
            "--tls-cert", cert.certificate, "--tls-key", cert.key, "--implicit-tls",
            "--auth-user", "campus", "--auth-password", Self.password,
        ])
        defer { sink.stop() }
        let config = try SMTPConfiguration.parse("smtps://campus:\(Self.encodedPassword)@localhost:\(sink.port)?tls_verify=false")
        try await SMTPClient(configuration: config, eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: Logger(label: "test"))
            .send(SMTPMessage(to: "student@example.org", subject: Self.subject, body: Self.body))
        let mail = try #require(try sink.messages().only)
        #expect(mail.tls == "yes" && mail.auth == "campus")
        #expect(mail.subject == Self.subject && mail.body == Self.body + "\n")
    }

    @Test(.enabled(if: SMTPSink.isAvailable, SMTPSink.unavailableReason))
    func usesAuthLoginWhenPlainIsNotOffered() async throws {
        let directory = try SMTPTestDirectory()
        let sink = try SMTPSink(in: directory, arguments: [
            "--auth-user", "campus", "--auth-password", Self.password, "--auth-exclude", "PLAIN",
        ])
        defer { sink.stop() }
        let config = try SMTPConfiguration.parse("smtp://campus:\(Self.encodedPassword)@127.0.0.1:\(sink.port)?tls=none")
        try await SMTPClient(configuration: config, eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: Logger(label: "test"))
            .send(SMTPMessage(to: "student@example.org", subject: "ASCII subject", body: "line one\r\n.dot"))
        let mail = try #require(try sink.messages().only)
        #expect(mail.tls == "no" && mail.auth == "campus")
        #expect(mail.subject == "ASCII subject" && mail.body == "line one\n.dot\n")
    }

    @Test(.enabled(if: SMTPSink.isAvailable, SMTPSink.unavailableReason))
    func wrongPasswordFailsWithServerReplyButNoPassword() async throws {
        let directory = try SMTPTestDirectory()
        let sink = try SMTPSink(in: directory, arguments: ["--auth-user", "campus", "--auth-password", "other"])
        defer { sink.stop() }
        let config = try SMTPConfiguration.parse("smtp://campus:\(Self.encodedPassword)@127.0.0.1:\(sink.port)?tls=none")
        do {
            try await SMTPClient(configuration: config, eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: Logger(label: "test"))
                .send(SMTPMessage(to: "student@example.org", subject: "s", body: "b"))
            Issue.record("delivery with a wrong password succeeded")
        } catch let error as SMTPError {
            #expect(error.code == 535)
            #expect("\(error)".contains("AUTH PLAIN") && !"\(error)".contains("S3cret"))
        }
        #expect(try sink.messages().isEmpty)
    }

    @Test(.enabled(if: SMTPSink.isAvailable, SMTPSink.unavailableReason))
    func verifiesCertificatesByDefault() async throws {
        let directory = try SMTPTestDirectory()
        let cert = try directory.selfSignedCertificate()
        let sink = try SMTPSink(in: directory, arguments: ["--tls-cert", cert.certificate, "--tls-key", cert.key])
        defer { sink.stop() }
        let config = try SMTPConfiguration.parse("smtp://localhost:\(sink.port)")
        await #expect(throws: (any Error).self) {
            try await SMTPClient(configuration: config, eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: Logger(label: "test"))
                .send(SMTPMessage(to: "student@example.org", subject: "s", body: "b"))
        }
        #expect(try sink.messages().isEmpty)
    }

    @Test(.enabled(if: SMTPSink.isAvailable, SMTPSink.unavailableReason))
    func refusesToContinueWithoutSTARTTLS() async throws {
        let directory = try SMTPTestDirectory()
        let sink = try SMTPSink(in: directory, arguments: [])
        defer { sink.stop() }
        let config = try SMTPConfiguration.parse("smtp://u:\(Self.encodedPassword)@127.0.0.1:\(sink.port)")
        await #expect(throws: SMTPError.startTLSUnavailable) {
            try await SMTPClient(configuration: config, eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: Logger(label: "test"))
                .send(SMTPMessage(to: "student@example.org", subject: "s", body: "b"))
        }
        #expect(try sink.messages().isEmpty)
    }

    // MARK: Against scripted misbehaving servers

    @Test func timesOutOnASilentServer() async throws {
        let server = try await SMTPScriptedServer.start(greeting: nil) { _ in nil }
        defer { server.stop() }
        let config = SMTPConfiguration(host: "127.0.0.1", port: server.port, security: .none)
        let started = ContinuousClock.now
        await #expect(throws: SMTPError.timedOut) {
            try await SMTPClient(configuration: config, eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                                 logger: Logger(label: "test"), timeout: .milliseconds(300))
                .send(SMTPMessage(to: "student@example.org", subject: "s", body: "b"))
        }
        // Without the timeout the call would wait on the silent server forever; the bound is loose
        // because the whole suite shares two cores.
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test func rejectsRepliesInjectedBeforeTLS() async throws {
        let server = try await SMTPScriptedServer.start(greeting: "220 hi\r\n") { line in
            switch line {
            case let l where l.hasPrefix("EHLO"): "250-hi\r\n250-8BITMIME\r\n250 STARTTLS\r\n"
            case "STARTTLS": "220 go ahead\r\n250-forged\r\n250 AUTH PLAIN\r\n"
            default: "500 what\r\n"
            }
        }
        defer { server.stop() }
        let config = SMTPConfiguration(host: "127.0.0.1", port: server.port, security: .startTLS, verifyCertificates: false)
        await #expect(throws: SMTPError.unexpectedDataAfterStartTLS) {
            try await SMTPClient(configuration: config, eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: Logger(label: "test"))
                .send(SMTPMessage(to: "student@example.org", subject: "s", body: "b"))
        }
    }

    @Test func reportsRejectionWithCodeAndServerText() async throws {
        let server = try await SMTPScriptedServer.start(greeting: "220-first\r\n220 second\r\n") { line in
            switch line {
            case let l where l.hasPrefix("EHLO"): "250-hi\r\n250 8BITMIME\r\n"
            case let l where l.hasPrefix("MAIL FROM"): "250 ok\r\n"
            case let l where l.hasPrefix("RCPT TO"): "550-5.1.1 no such\r\n550 5.1.1 user here\r\n"
            default: "500 what\r\n"
            }
        }
        defer { server.stop() }
        let config = SMTPConfiguration(host: "127.0.0.1", port: server.port, security: .none)
        await #expect(throws: SMTPError.rejected(command: "RCPT TO", code: 550, text: "5.1.1 no such / 5.1.1 user here")) {
            try await SMTPClient(configuration: config, eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: Logger(label: "test"))
                .send(SMTPMessage(to: "student@example.org", subject: "s", body: "b"))
        }
    }

    @Test func rejectsMalformedReplies() async throws {
        let server = try await SMTPScriptedServer.start(greeting: "hello there\r\n") { _ in nil }
        defer { server.stop() }
        let config = SMTPConfiguration(host: "127.0.0.1", port: server.port, security: .none)
        await #expect(throws: SMTPError.malformedReply) {
            try await SMTPClient(configuration: config, eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: Logger(label: "test"))
                .send(SMTPMessage(to: "student@example.org", subject: "s", body: "b"))
        }
    }
}

// MARK: - Helpers

/// A temporary folder removed when the test is done with it.
private final class SMTPTestDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func selfSignedCertificate() throws -> (certificate: String, key: String) {
        let certificate = url.appendingPathComponent("cert.pem").path
        let key = url.appendingPathComponent("key.pem").path
        let status = try runTool("/usr/bin/env", [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
            "-keyout", key, "-out", certificate,
        ]).status
        guard status == 0 else { throw SMTPTestFailure("openssl req exited with \(status)") }
        return (certificate, key)
    }
}

private struct SMTPTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs a program to completion, returning its exit status and standard output.
@discardableResult
private func runTool(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
}

/// tools/smtp-sink/server.py, started for one test.
private final class SMTPSink {
    static let python = "/usr/bin/python3"
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("tools/smtp-sink/server.py").path
    static let unavailableReason: Testing.Comment =
        "needs \(python) with aiosmtpd (apt-get install python3-aiosmtpd) and openssl; skipping SMTP server tests"
    static let isAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: python), FileManager.default.fileExists(atPath: script) else { return false }
        return (try? runTool(python, ["-c", "import aiosmtpd"]).status == 0) == true
            && (try? runTool("/usr/bin/env", ["openssl", "version"]).status == 0) == true
    }()

    let server: ReadyProcess
    let maildir: URL
    var port: Int { server.port }

    init(in directory: SMTPTestDirectory, arguments: [String]) throws {
        maildir = directory.url.appendingPathComponent("mail")
        server = try ReadyProcess(Self.python, [Self.script, "--port", "0", "--maildir", maildir.path] + arguments)
    }

    func stop() { server.stop() }

    /// Stored messages, parsed by Python's standards-minded `email` package rather than by our own code.
    func messages() throws -> [SMTPStoredMail] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: maildir.path)) ?? []
        return try files.filter { $0.hasSuffix(".eml") }.sorted().map { file in
            let result = try runTool(Self.python, ["-c", SMTPStoredMail.parser, maildir.appendingPathComponent(file).path])
            guard result.status == 0 else { throw SMTPTestFailure("could not parse \(file)") }
            return try JSONDecoder().decode(SMTPStoredMail.self, from: result.output)
        }
    }
}

private struct SMTPStoredMail: Decodable {
    var returnPath: String
    var deliveredTo: String
    var tls: String
    var auth: String
    var from: String
    var to: String
    var subject: String
    var body: String
    var contentTransferEncoding: String
    var dateIsValid: Bool
    var hasMessageID: Bool
    var defects: [String]

    static let parser = """
        import email, email.policy, json, sys
        with open(sys.argv[1], "rb") as f:
            m = email.message_from_binary_file(f, policy=email.policy.default)
        defects = [str(d) for d in m.defects]
        for name in ("From", "To", "Subject", "Date"):
            defects += [f"{name}: {d}" for d in m[name].defects]
        print(json.dumps({
            "returnPath": m["Return-Path"], "deliveredTo": m["Delivered-To"],
            "tls": m["X-Sink-TLS"], "auth": m["X-Sink-Auth"] or "",
            "from": str(m["From"]), "to": str(m["To"]), "subject": str(m["Subject"]),
            "body": m.get_content().replace("\\r\\n", "\\n"),
            "contentTransferEncoding": m["Content-Transfer-Encoding"],
            "dateIsValid": m["Date"].datetime is not None,
            "hasMessageID": bool(m["Message-ID"]),
            "defects": defects,
        }))
        """
}

private extension Array {
    var only: Element? { count == 1 ? self[0] : nil }
}

/// Collects log lines with metadata so a test can check that nothing secret was logged.
private final class SMTPLogCapture: @unchecked Sendable {
    // @unchecked: `lines` is only touched while holding `lock`.
    private let lock = NSLock()
    private var lines: [String] = []

    var logger: Logger {
        var logger = Logger(label: "smtp-test") { _ in Handler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    var text: String { lock.withLock { lines.joined(separator: "\n") } }

    fileprivate func append(_ line: String) { lock.withLock { lines.append(line) } }

    struct Handler: LogHandler {
        let capture: SMTPLogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            capture.append("\(event.level) \(event.message) \(metadata.merging(event.metadata ?? [:]) { $1 })")
        }
    }
}

/// A tiny SMTP-ish server whose replies a test scripts, for behaviour a real server will not show.
private final class SMTPScriptedServer: Sendable {
    let channel: any Channel
    var port: Int { channel.localAddress!.port! }

    private init(channel: any Channel) { self.channel = channel }

    static func start(greeting: String?, respond: @escaping @Sendable (String) -> String?) async throws -> SMTPScriptedServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Handler(greeting: greeting, respond: respond))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return SMTPScriptedServer(channel: channel)
    }

    func stop() { channel.close(promise: nil) }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let greeting: String?
        let respond: @Sendable (String) -> String?
        var buffer = ""

        init(greeting: String?, respond: @escaping @Sendable (String) -> String?) {
            self.greeting = greeting
            self.respond = respond
        }

        func channelActive(context: ChannelHandlerContext) {
            if let greeting { context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: greeting)), promise: nil) }
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            buffer += String(buffer: unwrapInboundIn(data))
            while let end = buffer.range(of: "\r\n") {
                let line = String(buffer[..<end.lowerBound])
                buffer.removeSubrange(..<end.upperBound)
                if let reply = respond(line) {
                    context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: reply)), promise: nil)
                }
            }
        }
    }
}
