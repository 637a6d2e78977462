import KPIIngest
import KPIPipeline

/// The `kpidash` command line, as a library: takes the arguments, returns the exit status.
public enum KPIDash {
    static let usage = """
        kpidash \(Pipeline.version): children's services performance dashboards from monthly CSV extracts

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
            console.out("kpidash \(Pipeline.version)")
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
            let failure = PipelineError(
                status: .usage, message: error.message, hint: "run 'kpidash \(C.name) --help' for usage")
            console.err(failure.rendered(command: C.name))
            return failure.status
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
    func run(_ console: Console) -> ExitStatus
}

/// Options every command that reads a dataset shares.
enum DatasetOptions {
    static let valueOptions: Set<String> = ["--encoding"]
    static let flagOptions: Set<String> = ["--public"]
    static let help = """
          --encoding ENC   utf-8 (default) or windows-1252, to read extracts saved by older Excel
          --public         publishing mode: counts of 1 to 5 (and what would reveal them) shown as c;
                           also set by "suppressSmallCounts": true in dashboard.json
        """

    /// The dataset folder (default `SampleData`) and how to read it.
    static func source(_ arguments: ParsedArguments) throws(UsageError) -> DatasetSource {
        let directory = try arguments.positional(atMost: 1).first ?? "SampleData"
        let encoding: TextEncoding
        switch arguments.values["--encoding"]?.lowercased() {
        case nil, "utf-8", "utf8": encoding = .utf8
        case "windows-1252", "cp1252": encoding = .windows1252
        case let other?: throw UsageError(message: "unknown encoding \"\(other)\" (use utf-8 or windows-1252)")
        }
        return DatasetSource(
            directory: directory, load: LoadOptions(encoding: encoding),
            publicMode: arguments.flags.contains("--public"))
    }
}
