import KPIPipeline

/// `kpidash check [DIR]`: validates the dataset, prints every problem, writes nothing.
struct CheckCommand: Command {
    static let name = "check"
    static let help = """
        Usage: kpidash check [DIR] [options]

        Reads the dataset in DIR (default SampleData) and prints every problem found, as
        file:line:column: error: message. Writes nothing.

        Options:
        \(DatasetOptions.help)
        """
    static let valueOptions = DatasetOptions.valueOptions
    static let flagOptions = DatasetOptions.flagOptions

    var source: DatasetSource

    init(_ arguments: ParsedArguments) throws(UsageError) {
        source = try DatasetOptions.source(arguments)
    }

    func run(_ console: Console) -> ExitStatus {
        Pipeline(command: Self.name, source: source, console: console).check()
    }
}
