import FluentPostgresDriver
import NIOCore
import NIOPosix
import Vapor

/// Errors that mean the relational database cannot be reached or went away mid-request, as opposed
/// to errors in what was asked of it. Clients get 503 `database-unavailable` with `Retry-After` for
/// these, never a 500: nothing they sent was wrong, and trying again later will work.
package enum DatabaseOutage {
    package static func matches(_ error: any Error) -> Bool {
        switch error {
        case let postgres as PSQLError:
            switch postgres.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed,
                 .sslUnsupported, .failedToAddSSLHandler:
                return true
            case .server:
                // Class 08 connection exceptions, 57P01–57P03 shutting down or starting, 53300 too many connections.
                let state = postgres.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("08") || ["57P01", "57P02", "57P03", "53300"].contains(state)
            default:
                return false
            }
        case is NIOConnectionError, is ChannelError, is IOError:
            return true
        case ConnectionPoolError.shutdown:
            return true
        default:
            return false
        }
    }

    package static let problem = Problem(.serviceUnavailable, "database-unavailable", title: "Database unavailable",
                                 detail: "The database cannot be reached right now; nothing was changed. Try again shortly.",
                                 headers: ["Retry-After": "5"])
}
