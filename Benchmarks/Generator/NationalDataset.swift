import Foundation
import KPIModel
import Toolkit

/// What one file of the dataset came to, for the summary the generator prints.
struct WrittenFile {
    let name: String
    let rows: Int
    let bytes: Int
}

/// The whole made-up national dataset: every authority's series for every indicator and month,
/// with the catalogue, targets, benchmarks and neighbour groups that go with it.
struct NationalDataset {
    let options: GeneratorOptions
    let authorities: [GeneratedAuthority]
    let indicators: [IndicatorSpec]
    let months: [Month]
    let financialYears: [Period]

    init(options: GeneratorOptions) {
        self.options = options
        authorities = AuthorityList.generate(count: options.authorityCount, seed: options.seed)
        indicators = IndicatorCatalogue.generate(count: options.indicatorCount)
        let first = options.lastMonth.adding(months: 1 - options.monthCount)
        months = (0..<options.monthCount).map { first.adding(months: $0) }
        let firstYear = Period.financialYear(containing: first)
        let lastYear = Period.financialYear(containing: options.lastMonth)
        financialYears = (firstYear.first.year...lastYear.first.year).map { Period.financialYear(startYear: $0) }
    }

    /// Writes every file into the output folder, the extracts first (their yearly means feed the benchmarks).
    func write() throws -> [WrittenFile] {
        let folder = options.outputDirectory
        try FileManager.default.createDirectory(atPath: folder + "/extracts", withIntermediateDirectories: true)
        var written = [try writeDashboard(folder + "/dashboard.json")]
        written.append(try writeAuthorities(folder + "/authorities.csv"))
        written.append(try writeIndicators(folder + "/indicators.csv"))
        written.append(try writeTargets(folder + "/targets.csv"))
        written.append(try writeNeighbours(folder + "/neighbours.csv"))
        let (extracts, yearlyMeans) = try writeExtracts(folder)
        written += extracts
        written.append(try writeBenchmarks(folder + "/benchmarks.csv", yearlyMeans: yearlyMeans))
        try FileManager.default.createDirectory(atPath: folder + "/plan", withIntermediateDirectories: true)
        written.append(try writePlanItems(folder + "/plan/items.csv"))
        written.append(try writePlanUpdates(folder + "/plan/updates.csv"))
        return written
    }

    /// Only `title` and the financial-year start: every extract row names its authority.
    private func writeDashboard(_ path: String) throws -> WrittenFile {
        let json = """
            {
              "title": "Children's services performance: England, all authorities (synthetic, seed \(options.seed))",
              "financialYearStartMonth": 4
            }

            """
        guard FileManager.default.createFile(atPath: path, contents: Data(json.utf8)) else {
            throw GeneratorError("cannot create \(path)")
        }
        return WrittenFile(name: "dashboard.json", rows: 0, bytes: json.utf8.count)
    }

    /// With a byte-order mark and CRLF, as an ONS download arrives.
    private func writeAuthorities(_ path: String) throws -> WrittenFile {
        var file = try CSVFile(path: path, header: ["code", "name", "region"], lineEnd: .crlf, byteOrderMark: true)
        for authority in authorities {
            file.plainField(authority.code)
            file.field(authority.name)
            file.field(authority.region)
            try file.endRow()
        }
        return try finish(&file, "authorities.csv")
    }

    /// With LF line ends, as a catalogue kept in version control would be.
    private func writeIndicators(_ path: String) throws -> WrittenFile {
        let header = [
            "id", "name", "area", "unit", "polarity", "decimals", "sn_method", "definition", "source", "lead",
        ]
        var file = try CSVFile(path: path, header: header, lineEnd: .lf)
        for spec in indicators {
            file.plainField(spec.id)
            file.field(spec.name)
            file.field(spec.area)
            file.plainField(spec.unit.rawValue)
            file.plainField(spec.polarity.rawValue)
            file.plainField(spec.explicitDecimals.map(String.init) ?? "")
            file.plainField(spec.neighbourMethod?.rawValue ?? "")
            file.field(spec.definition)
            file.field(spec.source)
            file.field(spec.lead)
            try file.endRow()
        }
        return try finish(&file, "indicators.csv")
    }

    /// Two or three milestones for every judged indicator except counts (a count target would not
    /// fit authorities of every size): one due a financial year, one due the last month, sometimes
    /// one beyond it; bands for band indicators; one authority-specific target.
    private func writeTargets(_ path: String) throws -> WrittenFile {
        let header = ["indicator", "due", "target", "low", "high", "tolerance", "label", "authority"]
        var file = try CSVFile(path: path, header: header, lineEnd: .crlf)
        let earlyYear = Period.financialYear(containing: months[months.count / 3])
        let nextYear = Period.financialYear(
            startYear: Period.financialYear(containing: options.lastMonth).first.year + 1)
        var wroteLocalTarget = false
        for (position, spec) in indicators.enumerated() where spec.polarity != .neutral && spec.unit != .count {
            var milestones: [(due: String, last: Month, stretch: Double)] = [
                (earlyYear.label, earlyYear.last, 0.2),
                (options.lastMonth.description, options.lastMonth, 0.4),
            ]
            if position % 4 == 0 { milestones.append((nextYear.label, nextYear.last, 0.5)) }
            let tolerance = position % 2 == 0 ? NumberFormat.compact(spec.spread / 10, decimals: spec.decimals) : ""
            for milestone in milestones {
                writeTarget(
                    &file, spec: spec, due: milestone.due, stretch: milestone.stretch, tolerance: tolerance,
                    label: "Target \(milestone.last.longName)", authority: "")
                try file.endRow()
            }
            if !wroteLocalTarget && spec.band == nil {
                writeTarget(
                    &file, spec: spec, due: options.lastMonth.description, stretch: 0.6, tolerance: tolerance,
                    label: "Local target \(options.lastMonth.longName)", authority: authorities[0].code)
                try file.endRow()
                wroteLocalTarget = true
            }
        }
        return try finish(&file, "targets.csv")
    }

    /// A target `stretch` spreads better than England's level, or the agreed band.
    private func writeTarget(
        _ file: inout CSVFile, spec: IndicatorSpec, due: String, stretch: Double,
        tolerance: String, label: String, authority: String
    ) {
        file.plainField(spec.id)
        file.plainField(due)
        if let band = spec.band {
            file.emptyField()
            file.plainField(NumberFormat.compact(band.low, decimals: spec.decimals))
            file.plainField(NumberFormat.compact(band.high, decimals: spec.decimals))
            file.plainField(spec.unit == .percent ? "2" : "1")
        } else {
            let better: Double = spec.polarity == .higher ? 1 : -1
            let range = spec.plausibleRange
            let target = min(max(spec.typical + better * stretch * spec.spread, range.lowerBound), range.upperBound)
            file.plainField(NumberFormat.compact(target, decimals: spec.decimals))
            file.emptyField()
            file.emptyField()
            file.plainField(tolerance)
        }
        file.field(label)
        file.plainField(authority)
    }

    /// Ten neighbours per authority (fewer in a run of under eleven): the closest in need, size and
    /// kind of authority, as DfE's groups roughly are; ties go to the lower code.
    private func writeNeighbours(_ path: String) throws -> WrittenFile {
        var file = try CSVFile(path: path, header: ["authority", "neighbour", "rank", "closeness"], lineEnd: .crlf)
        for authority in authorities {
            let others = authorities.filter { $0.code != authority.code }
                .map { (other: $0, distance: distance(authority, $0)) }
                .sorted { ($0.distance, $0.other.code) < ($1.distance, $1.other.code) }
            for (rank, neighbour) in others.prefix(10).enumerated() {
                file.plainField(authority.code)
                file.plainField(neighbour.other.code)
                file.plainField(String(rank + 1))
                file.plainField(NumberFormat.fixed(exp(-neighbour.distance), decimals: 3))
                try file.endRow()
            }
        }
        return try finish(&file, "neighbours.csv")
    }

    private func distance(_ a: GeneratedAuthority, _ b: GeneratedAuthority) -> Double {
        let differentKind = a.code.prefix(3) == b.code.prefix(3) ? 0.0 : 0.6
        return abs(a.need - b.need) + differentKind + 0.15 * abs(log(a.childrenPer10k / b.childrenPer10k))
    }

    /// The extracts, month by month, each month every authority, each authority every indicator: in
    /// one file, or in a file a month that first restates about 3% of the month before (late
    /// recording), as a council's monthly extract does. Restated figures come from a stream of their
    /// own, so both layouts hold the same first figures.
    /// Returns each series' mean per financial year (counts as counts, first figures only), indexed
    /// `(authority × indicators + indicator) × years + year`.
    private func writeExtracts(_ folder: String) throws -> ([WrittenFile], [Double]) {
        let header = ["indicator", "period", "authority", "value", "numerator", "denominator", "breakdown", "note"]
        var series: [Series] = []
        series.reserveCapacity(authorities.count * indicators.count)
        for authority in authorities {
            for spec in indicators {
                series.append(Series(spec: spec, authority: authority, seed: options.seed, monthCount: months.count))
            }
        }
        let years = financialYears.count
        var yearlySums = [Double](repeating: 0, count: series.count * years)
        var levels = [Double](repeating: 0, count: series.count)
        var revisions = SplitMix64(seed: options.seed, stream: "revisions")
        let indicatorIDs = indicators.map { Array($0.id.utf8) }
        let authorityCodes = authorities.map { Array($0.code.utf8) }

        func writeMonth(_ monthIndex: Int, into file: inout CSVFile) throws {
            let month = months[monthIndex]
            let period = Array(month.description.utf8)
            let year = financialYears.firstIndex { $0.contains(month) }!
            for (a, authority) in authorities.enumerated() {
                for (i, spec) in indicators.enumerated() {
                    let index = a * indicators.count + i
                    let level = series[index].next(monthIndex: monthIndex)
                    levels[index] = level
                    yearlySums[index * years + year] += spec.unit == .count ? level * authority.childrenPer10k : level
                    file.plainField(indicatorIDs[i])
                    file.plainField(period)
                    file.plainField(authorityCodes[a])
                    ExtractFigure.write(
                        level: level, spec: spec, authority: authority, random: &series[index].random, into: &file)
                    try file.endRow()
                }
            }
        }

        /// Restates some of the figures `levels` holds, those of `month`, each moved a tenth of a spread or so.
        func writeRevisions(of month: Month, into file: inout CSVFile) throws {
            let period = Array(month.description.utf8)
            for (a, authority) in authorities.enumerated() {
                for (i, spec) in indicators.enumerated() where revisions.chance(0.03) {
                    let range = spec.plausibleRange
                    let level = levels[a * indicators.count + i] + 0.1 * spec.spread * revisions.normal()
                    file.plainField(indicatorIDs[i])
                    file.plainField(period)
                    file.plainField(authorityCodes[a])
                    ExtractFigure.write(
                        level: min(max(level, range.lowerBound), range.upperBound), spec: spec,
                        authority: authority, random: &revisions, into: &file)
                    try file.endRow()
                }
            }
        }

        var written: [WrittenFile] = []
        switch options.layout {
        case .single:
            var file = try CSVFile(path: folder + "/extracts/national.csv", header: header, lineEnd: .crlf)
            for monthIndex in months.indices { try writeMonth(monthIndex, into: &file) }
            written.append(try finish(&file, "extracts/national.csv"))
        case .monthly:
            for monthIndex in months.indices {
                let name = "extracts/\(months[monthIndex]).csv"
                var file = try CSVFile(path: folder + "/" + name, header: header, lineEnd: .crlf, quoting: .every)
                if monthIndex > 0 { try writeRevisions(of: months[monthIndex - 1], into: &file) }
                try writeMonth(monthIndex, into: &file)
                written.append(try finish(&file, name))
            }
        }
        let monthsInYear = financialYears.map { year in Double(months.filter { year.contains($0) }.count) }
        let yearlyMeans = yearlySums.enumerated().map { $0.element / monthsInYear[$0.offset % years] }
        return (written, yearlyMeans)
    }

    /// Every authority's yearly value for every indicator and financial year, then England's:
    /// the total for counts, otherwise the mean weighted by child population. About 1.5% of
    /// authority values are `x` or `c`, as in DfE's tables.
    private func writeBenchmarks(_ path: String, yearlyMeans: [Double]) throws -> WrittenFile {
        var file = try CSVFile(path: path, header: ["indicator", "period", "comparator", "value"], lineEnd: .crlf)
        let years = financialYears.count
        let totalChildren = authorities.reduce(0) { $0 + $1.childrenPer10k }
        for (i, spec) in indicators.enumerated() {
            var random = SplitMix64(seed: options.seed, stream: "benchmarks", spec.id)
            for (y, year) in financialYears.enumerated() {
                var england = 0.0
                for (a, authority) in authorities.enumerated() {
                    let mean = yearlyMeans[(a * indicators.count + i) * years + y]
                    england += spec.unit == .count ? mean : mean * authority.childrenPer10k / totalChildren
                    file.plainField(spec.id)
                    file.plainField(year.label)
                    file.plainField(authority.code)
                    let roll = random.unit()
                    file.plainField(
                        roll < 0.01 ? "x" : roll < 0.015 ? "c" : NumberFormat.fixed(mean, decimals: spec.decimals))
                    try file.endRow()
                }
                file.plainField(spec.id)
                file.plainField(year.label)
                file.plainField("england")
                file.plainField(NumberFormat.fixed(england, decimals: spec.decimals))
                try file.endRow()
            }
        }
        return try finish(&file, "benchmarks.csv")
    }

    func finish(_ file: inout CSVFile, _ name: String) throws -> WrittenFile {
        try file.close()
        return WrittenFile(name: name, rows: file.rows, bytes: file.bytesWritten)
    }
}
