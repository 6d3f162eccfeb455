import CampusServer
import Foundation

let status = await CampusCommandLine.run(arguments: Array(CommandLine.arguments.dropFirst()))
exit(status)
