import KPIModel

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

    var dataset: DatasetOptions

    init(_ arguments: ParsedArguments) throws(UsageError) {
        dataset = try DatasetOptions(arguments)
    }

    func run(_ console: Console) throws(UsageError) -> ExitStatus {
        guard let loaded = dataset.load(console) else { return .dataErrors }
        let months = Set(loaded.observations.map(\.month)).sorted()
        let authorities = Set(loaded.observations.map(\.authority)).count
        var summary = "\(dataset.directory): \(plural(loaded.indicators.count, "indicator")), \(plural(authorities, "authority", "authorities")), \(plural(loaded.observations.count, "figure"))"
        if let first = months.first, let last = months.last {
            summary += ", \(plural(months.count, "month")) (\(first) to \(last))"
        }
        console.out(summary + "; no errors")
        return .success
    }
}
