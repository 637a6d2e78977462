import Foundation
import KPIDashCLI

exit(KPIDash.run(Array(CommandLine.arguments.dropFirst())))
