// TEMPORARY until the SMTP client lands.
import Logging
import NIOCore
struct SMTPConfiguration: Sendable {
    static func parse(_ url: String) throws -> SMTPConfiguration { SMTPConfiguration() }
}
struct SMTPMessage: Sendable { var to: String; var subject: String; var body: String }
struct SMTPClient: Sendable {
    init(configuration: SMTPConfiguration, eventLoopGroup: any EventLoopGroup, logger: Logger) {}
    func send(_ message: SMTPMessage) async throws {}
}
