import Foundation
import KPIAnalysis
import KPIIngest
import KPIModel
import Testing

/// DfE's own files, as published, beside the project in a full checkout (`../shared/testdata/dfe`).
let dfeFolder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/testdata/dfe").path

/// Every authority and year of three DfE indicators, built from DfE's files dropped into `published/`,
/// against figures computed directly from the same files by the plain arithmetic of published.md:
/// the national rank (ties share the best place, `low` between zero and every shown figure), LAIT's
/// quartile band (type-7 cut points, a value on a cut in the band of lower values), the mean of the
/// ten statistical neighbours of DfE's 2025 model that reported ("n of 10"), England and the region.
@Suite(
    .enabled(
        if: FileManager.default.fileExists(atPath: dfeFolder),
        "skipped: ../shared/testdata/dfe is absent (DfE's files sit beside the project only in a full checkout)"))
struct DfEAgreementTests {
    struct Mapping {
        var indicator: String
        var file: String
        var column: String
        var asAt: String
    }

    let mappings = [
        Mapping(
            indicator: "re_referral_rate", file: "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
            column: "rereferral_percent", asAt: "March"),
        Mapping(
            indicator: "turnover_rate", file: "csww_indicators_2017_to_2025.csv", column: "turnover_rate_fte",
            asAt: "September"),
        Mapping(
            indicator: "agency_rate", file: "csww_indicators_2017_to_2025.csv", column: "agency_rate_fte",
            asAt: "September"),
    ]

    /// One file's rows as (column → text) records.
    func rows(_ file: String) -> [[String: String]] {
        let bytes = Array(FileManager.default.contents(atPath: dfeFolder + "/" + file)!)
        let records = CSVReader(path: file, bytes: bytes).readAll().records
        let header = records[0].fields.map { $0.lowercased() }
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.fields)) }
    }

    @Test func everyAuthorityAndYearAgreesWithTheFiles() throws {
        // DfE's number → the code of its latest year, the code every authority is known by here.
        var latestCode: [String: (year: String, code: String, name: String, region: String)] = [:]
        for mapping in mappings {
            for row in rows(mapping.file)
            where row["geographic_level"] == "Local authority" && !row["new_la_code"]!.contains("/") {
                let number = row["old_la_code"]!
                if latestCode[number].map({ $0.year < row["time_period"]! }) ?? true {
                    latestCode[number] = (
                        row["time_period"]!, row["new_la_code"]!, row["la_name"]!, row["region_name"]!
                    )
                }
            }
        }
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/published", withIntermediateDirectories: true)
        for file in Set(mappings.map(\.file)) {
            try FileManager.default.copyItem(atPath: dfeFolder + "/" + file, toPath: root + "/published/" + file)
        }
        let authorities = latestCode.values.sorted { $0.code < $1.code }
        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + name))
        }
        try write("dashboard.json", #"{"authority": "\#(authorities[0].code)"}"#)
        try write(
            "indicators.csv",
            "id,name,area,unit,polarity,frequency\n"
                + mappings.map { "\($0.indicator),\($0.indicator),Area,percent,lower,year" }.joined(separator: "\n")
                + "\n")
        try write(
            "published.csv",
            "indicator,file,column,as_at\n"
                + mappings.map { "\($0.indicator),\($0.file),\($0.column),\($0.asAt)" }.joined(separator: "\n") + "\n")
        try write(
            "authorities.csv",
            "code,name,region\n" + authorities.map { "\($0.code),\"\($0.name)\",\($0.region)" }.joined(separator: "\n")
                + "\n")
        var neighbours: [String: [String]] = [:]
        var links = "authority,neighbour,rank\n"
        for row in rows("sn_model_2025_wide.csv") {
            let code = latestCode[row["old_la_code"]!]!.code
            neighbours[code] = (1...10).map { latestCode[row["sn_\($0)"]!]!.code }
            links += neighbours[code]!.enumerated().map { "\(code),\($0.element),\($0.offset + 1)\n" }.joined()
        }
        try write("neighbours.csv", links)

        var dataset = try DatasetLoader.load(directory: root).get()
        // Every authority analysed, not only the dashboard's own: its published rows become its figures.
        let own = Set(dataset.observations.map(\.authority))
        for row in dataset.benchmarks {
            guard case .authority(let code) = row.comparator, !own.contains(code) else { continue }
            dataset.observations.append(
                Observation(
                    authority: code, indicator: row.indicator, month: row.period.last,
                    value: row.value, status: row.status, source: row.source))
        }

        var checked = (rank: 0, quartile: 0, neighbours: 0, england: 0, region: 0)
        var disagreements: [String] = []
        for (index, mapping) in mappings.enumerated() {
            var byYear: [String: [String: String]] = [:]  // year → code → cell
            var england: [String: Double] = [:]
            var regions: [String: [String: Double]] = [:]  // year → region name → value
            for row in rows(mapping.file) {
                let year = row["time_period"]!
                let cell = row[mapping.column]!
                switch row["geographic_level"] {
                case "National": england[year] = Double(cell)
                case "Regional": regions[year, default: [:]][row["region_name"]!] = Double(cell)
                case "Local authority" where !row["new_la_code"]!.contains("/"):
                    byYear[year, default: [:]][latestCode[row["old_la_code"]!]!.code] = cell
                default: break
                }
            }
            for (year, cells) in byYear.sorted(by: { $0.key < $1.key }) {
                let shown = cells.compactMapValues(Double.init)
                let lows = cells.values.filter { $0 == "low" || $0 == "k" }.count
                let sorted = shown.values.sorted()
                func quantile(_ p: Double) -> Double {
                    let h = Double(sorted.count - 1) * p
                    let lo = Int(h)
                    return lo + 1 < sorted.count
                        ? sorted[lo] + (h - Double(lo)) * (sorted[lo + 1] - sorted[lo]) : sorted[lo]
                }
                let cuts = [quantile(0.25), quantile(0.5), quantile(0.75)]
                var analysed = dataset
                let asOf = Month(year: Int(year)!, month: mapping.asAt == "March" ? 3 : 9)
                analysed.settings.asOf = asOf
                analysed.indicators = [dataset.indicators[index]]
                let analysis = Analysis.analyse(analysed)
                for authority in analysis.authorities {
                    guard let cell = cells[authority.code] else { continue }
                    let result = authority.indicators[0]
                    let value = Double(cell)
                    let isLow = cell == "low" || cell == "k"
                    let place = "\(mapping.indicator) \(year) \(authority.code)"
                    if value == nil && !isLow {
                        if result.rank != nil { disagreements.append("\(place): ranked with \(cell)") }
                    } else {
                        // Lower is better: ahead are the smaller figures; low is above zero and below every positive one.
                        let ahead =
                            isLow
                            ? shown.values.filter { $0 <= 0 }.count
                            : shown.values.filter { $0 < value! }.count + (value! > 0 ? lows : 0)
                        let band = isLow ? 0 : cuts.filter { value! > $0 }.count
                        let expected = "\(ahead + 1) of \(shown.count + lows) \(Quartile.allCases[band].rawValue)"
                        let got = result.rank.map { "\($0.position) of \($0.of) \($0.quartile.rawValue)" } ?? "none"
                        if got.split(separator: " ").prefix(3) == expected.split(separator: " ").prefix(3) {
                            checked.rank += 1
                        } else {
                            disagreements.append("\(place): rank \(got), expected \(expected)")
                        }
                        if got.split(separator: " ").last == expected.split(separator: " ").last {
                            checked.quartile += 1
                        }
                    }
                    let reported = (neighbours[authority.code] ?? []).compactMap { shown[$0] }
                    if !reported.isEmpty {
                        let mean = reported.reduce(0, +) / Double(reported.count)
                        let sn = result.statisticalNeighbours
                        if let sn, sn.period.last == asOf, (sn.value - mean).magnitude < 1e-9, sn.n == reported.count,
                            sn.of == 10
                        {
                            checked.neighbours += 1
                        } else {
                            disagreements.append(
                                "\(place): neighbours \(String(describing: sn.map { ($0.value, $0.n) })), expected \(mean) of \(reported.count)"
                            )
                        }
                    }
                    if result.england?.value == england[year] && result.england?.period.last == asOf {
                        checked.england += 1
                    } else {
                        disagreements.append(
                            "\(place): England \(String(describing: result.england?.value)), expected \(String(describing: england[year]))"
                        )
                    }
                    let region = latestCode.values.first { $0.code == authority.code }!.region
                    if let expected = regions[year]?[region] {
                        if result.region?.value == expected && result.region?.period.last == asOf {
                            checked.region += 1
                        } else {
                            disagreements.append(
                                "\(place): region \(String(describing: result.region?.value)), expected \(expected)")
                        }
                    }
                }
            }
        }
        print(
            "DfE agreement: \(checked.rank) ranks, \(checked.quartile) quartile bands, \(checked.neighbours) neighbour means, \(checked.england) England and \(checked.region) region figures agree"
        )
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, first: \(disagreements.prefix(5))")
        #expect(checked.quartile == checked.rank)
        #expect(checked.rank > 2_000)
    }
}
