import KPIModel

/// The command line of `kpidash-national`.
struct GeneratorOptions {
    static let usage = """
        Usage: kpidash-national OUTPUT_DIR [--seed N] [--authorities 153] [--indicators 60] [--months 120] [--end 2025-03]
                                           [--layout monthly|single]

        Writes a synthetic national dataset in kpidash's input format: every English authority's
        monthly figures for every indicator, with the catalogue, targets, benchmarks and statistical
        neighbours. The same arguments always give byte-identical files.

        --layout monthly (the default) writes one extract a month, extracts/2017-09.csv, every field
        quoted as exports quote them, each file after the first restating some of the month before;
        --layout single writes every month into one extracts/national.csv, quoted only where needed.
        """

    /// How the extracts are laid out in files.
    enum Layout: String {
        /// One file a month, as a council's folder holds them.
        case monthly
        /// One file of every month.
        case single
    }

    var outputDirectory = ""
    var seed: UInt64 = 1
    var authorityCount = 153
    var indicatorCount = 60
    var monthCount = 120
    /// The last month of the extract; the first is `monthCount - 1` months before it.
    var lastMonth = Month(year: 2025, month: 3)
    var layout = Layout.monthly

    init(_ arguments: [String]) throws {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            guard argument.hasPrefix("--") else {
                guard outputDirectory.isEmpty else { throw GeneratorError("more than one OUTPUT_DIR: \(argument)") }
                outputDirectory = argument
                continue
            }
            guard let text = remaining.popFirst() else { throw GeneratorError("\(argument) needs a value") }
            switch argument {
            case "--seed": seed = try Self.number(text, argument)
            case "--authorities": authorityCount = try Self.positive(text, argument)
            case "--indicators": indicatorCount = try Self.positive(text, argument)
            case "--months": monthCount = try Self.positive(text, argument)
            case "--end": lastMonth = try Self.month(text)
            case "--layout":
                guard let chosen = Layout(rawValue: text) else {
                    throw GeneratorError("--layout wants monthly or single, not \(text)")
                }
                layout = chosen
            default: throw GeneratorError("unknown option \(argument)")
            }
        }
        guard !outputDirectory.isEmpty else { throw GeneratorError("OUTPUT_DIR is missing") }
    }

    private static func number(_ text: String, _ option: String) throws -> UInt64 {
        guard let value = UInt64(text) else { throw GeneratorError("\(option) wants a whole number, not \(text)") }
        return value
    }

    private static func positive(_ text: String, _ option: String) throws -> Int {
        guard let value = Int(text), value > 0 else {
            throw GeneratorError("\(option) wants a number above 0, not \(text)")
        }
        return value
    }

    /// `2025-03`.
    private static func month(_ text: String) throws -> Month {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month)
        else {
            throw GeneratorError("--end wants a month such as 2025-03, not \(text)")
        }
        return Month(year: year, month: month)
    }
}
