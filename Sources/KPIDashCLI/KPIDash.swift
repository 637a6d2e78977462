import Foundation
import KPIModel
import KPIIngest
import KPIAnalysis

/// The `kpidash` command line, as a library: takes the arguments, returns the exit status.
public enum KPIDash {
    public static let version = "0.1.0"

    static let usage = """
        kpidash \(version): children's services performance dashboards from monthly CSV extracts

        Usage:
          kpidash build [DIR] [--out SITE]   read the dataset (default SampleData), publish the site (default site)
          kpidash check [DIR]                validate the dataset only; print every problem; write nothing
          kpidash email [DIR] --out FILE.eml  write the board email (MIME); deliver it with --sendmail or --smtp HOST:PORT
          kpidash --help | COMMAND --help    this help, or a command's
          kpidash --version

        Exit status: 0 success (warnings allowed), 1 the data has errors, 2 a usage error,
        3 an output or delivery failure.
        """

    public static func run(_ arguments: [String], console: Console = .standard) -> Int32 {
        guard let command = arguments.first else {
            console.err(usage)
            return ExitStatus.usage.rawValue
        }
        let rest = Array(arguments.dropFirst())
        let status: ExitStatus
        switch command {
        case "--help", "-h", "help":
            console.out(usage)
            status = .success
        case "--version":
            console.out("kpidash \(version)")
            status = .success
        case "build":
            status = runCommand(BuildCommand.self, rest, console)
        case "check":
            status = runCommand(CheckCommand.self, rest, console)
        case "email":
            status = runCommand(EmailCommand.self, rest, console)
        default:
            console.err("kpidash: unknown command \"\(command)\"\n\n\(usage)")
            status = .usage
        }
        return status.rawValue
    }

    private static func runCommand<C: Command>(_ type: C.Type, _ words: [String], _ console: Console) -> ExitStatus {
        if words.contains("--help") || words.contains("-h") {
            console.out(C.help)
            return .success
        }
        do {
            let arguments = try ParsedArguments(words, valueOptions: C.valueOptions, flagOptions: C.flagOptions)
            return try C(arguments).run(console)
        } catch {
            console.err("kpidash \(C.name): \(error.message)\nRun 'kpidash \(C.name) --help' for usage.")
            return .usage
        }
    }
}

/// One subcommand: its options, its help, and what it does.
protocol Command {
    static var name: String { get }
    static var help: String { get }
    static var valueOptions: Set<String> { get }
    static var flagOptions: Set<String> { get }
    init(_ arguments: ParsedArguments) throws(UsageError)
    func run(_ console: Console) throws(UsageError) -> ExitStatus
}

/// Options every command that reads a dataset shares.
struct DatasetOptions {
    static let valueOptions: Set<String> = ["--encoding"]
    static let flagOptions: Set<String> = ["--public"]
    static let help = """
          --encoding ENC   utf-8 (default) or windows-1252, to read extracts saved by older Excel
          --public         publishing mode: counts of 1 to 5 (and what would reveal them) shown as c;
                           also set by "suppressSmallCounts": true in dashboard.json
        """

    var directory: String
    var load: LoadOptions
    var publicMode: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        directory = try arguments.positional(atMost: 1).first ?? "SampleData"
        publicMode = arguments.flags.contains("--public")
        switch arguments.values["--encoding"]?.lowercased() {
        case nil, "utf-8", "utf8": load = LoadOptions(encoding: .utf8)
        case "windows-1252", "cp1252": load = LoadOptions(encoding: .windows1252)
        case let other?: throw UsageError(message: "unknown encoding \"\(other)\" (use utf-8 or windows-1252)")
        }
    }

    /// Loads the dataset, printing every problem; nil when it has errors.
    func load(_ console: Console) -> Dataset? {
        switch DatasetLoader.load(directory: directory, options: load) {
        case .success(let dataset):
            let future = Staleness.futureFigures(in: dataset, today: Date())
            report((dataset.warnings + future).sorted(by: Diagnostic.ordered), console)
            guard future.isEmpty else { return nil }
            return publicMode || dataset.settings.suppressSmallCounts ? SmallNumberSuppression.apply(to: dataset) : dataset
        case .failure(let failure):
            report(failure.diagnostics, console)
            return nil
        }
    }

    func report(_ diagnostics: [Diagnostic], _ console: Console) {
        for diagnostic in diagnostics { console.err(diagnostic.rendered) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        if !diagnostics.isEmpty {
            console.err("\(directory): \(plural(errors, "error")), \(plural(warnings, "warning"))")
        }
    }
}

func plural(_ count: Int, _ noun: String, _ nouns: String? = nil) -> String {
    "\(count) \(count == 1 ? noun : nouns ?? noun + "s")"
}
