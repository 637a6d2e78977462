import Foundation
import KPIModel

/// `kpidash-national OUTPUT_DIR …`: writes the national benchmark dataset and says what it wrote.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") || arguments.contains("-h") {
    print(GeneratorOptions.usage)
    exit(0)
}
do {
    let options = try GeneratorOptions(arguments)
    let clock = ContinuousClock()
    let started = clock.now
    let dataset = NationalDataset(options: options)
    let written = try dataset.write()
    let elapsed = started.duration(to: clock.now)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(
        "kpidash-national: \(options.outputDirectory): \(dataset.authorities.count) authorities, "
            + "\(dataset.indicators.count) indicators, \(dataset.months.count) months "
            + "(\(dataset.months[0]) to \(options.lastMonth)), seed \(options.seed), "
            + "in \(NumberFormat.fixed(seconds, decimals: 2))s")
    // The extracts as one line (`extracts/*.csv` when there are many), which Benchmarks/run.sh reads.
    let extracts = written.filter { $0.name.hasPrefix("extracts/") }
    let lines =
        written.filter { !$0.name.hasPrefix("extracts/") }
        + [
            WrittenFile(
                name: extracts.count == 1 ? extracts[0].name : "extracts/*.csv",
                rows: extracts.reduce(0) { $0 + $1.rows }, bytes: extracts.reduce(0) { $0 + $1.bytes })
        ]
    for file in lines {
        let size =
            file.bytes < 1_000_000
            ? NumberFormat.fixed(Double(file.bytes) / 1_000, decimals: 1) + " kB"
            : NumberFormat.fixed(Double(file.bytes) / 1_000_000, decimals: 1) + " MB"
        let rows = file.name.hasSuffix(".csv") ? NumberFormat.grouped(Double(file.rows), decimals: 0) + " rows, " : ""
        let files = file.name == "extracts/*.csv" ? " in \(extracts.count) files" : ""
        print("  \(file.name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(rows)\(size)\(files)")
    }
} catch {
    FileHandle.standardError.write(Data("kpidash-national: \(error)\n\n\(GeneratorOptions.usage)\n".utf8))
    exit(2)
}
