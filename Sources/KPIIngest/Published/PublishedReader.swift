import Foundation
import KPIModel
import Toolkit

/// What DfE's published files give once read: comparators for every indicator mapped, and for a
/// quarterly or yearly indicator the dataset's own authorities' figures.
struct PublishedFigures {
    var benchmarks: [Benchmark] = []
    var observations: [Observation] = []
}

/// Reads `published.csv` and the EES tidy files it maps, as published.md sets out: periods
/// (`202425`, four-digit years with `as_at`), geography, authority code history, DfE's markers.
enum PublishedReader {
    /// Where a published row belongs.
    enum Geography: Hashable {
        case england
        case region(code: String, name: String)
        /// `number` is DfE's three-digit `old_la_code`, which survives a change of GSS code.
        case authority(code: String, number: String)
    }

    /// One figure read from a published row, before code history and duplicates are settled.
    struct Figure {
        var mapping: Int
        var geography: Geography
        var period: Period
        var value: Double?
        var status: ValueStatus
        var numerator: Double?
        var denominator: Double?
        var source: RowReference
    }

    /// `ownAuthorities` are the dataset's own (dashboard.json's and the extracts'); `given` are
    /// benchmarks.csv's rows, which a published figure may not repeat.
    static func read(
        files: DatasetFiles, _ context: LoadContext, ownAuthorities: Set<String>, given: [Benchmark],
        _ problems: inout [Diagnostic]
    ) -> PublishedFigures {
        let folder = files.path("published")
        guard let mappingFile = files.optional("published.csv", &problems) else {
            let names = PublishedFolder.csvNames(in: folder)
            if !names.isEmpty {
                problems.append(
                    Diagnostic(
                        file: folder, severity: .warning,
                        message:
                            "published/ holds \(plural(names.count, "file")) but there is no published.csv, so none is read",
                        hint: "map each file's column to an indicator in published.csv: indicator,file,column"))
            }
            return PublishedFigures()
        }
        let mappings = PublishedMappingReader.read(mappingFile, folder: folder, context, &problems)
        var figures: [Figure] = []
        var byFile: [String: [Int]] = [:]
        for (index, mapping) in mappings.enumerated() { byFile[mapping.file, default: []].append(index) }
        for name in byFile.keys.sorted() {
            guard let file = files.read(folder + "/" + name, &problems) else { continue }
            var reader = PublishedFileReader(
                path: file.path, mappings: mappings, using: byFile[name]!,
                financialYearStartMonth: context.settings.financialYearStartMonth)
            reader.read(file.bytes, encoding: context.encoding, into: &figures, &problems)
        }
        let codes = AuthorityCodeHistory(figures: figures, listed: context.authorityCodes)
        return settle(
            figures, mappings: mappings, codes: codes, context, ownAuthorities: ownAuthorities, given: given, &problems)
    }

    /// Turns figures into benchmarks and observations under the codes authorities.csv uses, refusing
    /// any figure given twice.
    private static func settle(
        _ figures: [Figure], mappings: [PublishedMapping], codes: AuthorityCodeHistory, _ context: LoadContext,
        ownAuthorities: Set<String>, given: [Benchmark], _ problems: inout [Diagnostic]
    ) -> PublishedFigures {
        struct Key: Hashable {
            var indicator: String
            var comparator: KPIModel.Comparator
            var region: String?
            var period: Period
        }
        var result = PublishedFigures()
        var first: [Key: RowReference] = [:]
        var givenLines: [Key: Int] = [:]
        for row in given {
            givenLines[
                Key(indicator: row.indicator, comparator: row.comparator, region: row.authority, period: row.period)] =
                row.source.line
        }
        var duplicates: [Int: (first: Diagnostic, count: Int)] = [:]
        var wrongKind: Set<Int> = []
        let regions = Dictionary(
            grouping: context.authorities.filter { $0.region != nil }, by: { $0.region!.lowercased() })
        for figure in figures {
            let mapping = mappings[figure.mapping]
            let indicator = mapping.indicator
            let key: Key
            switch figure.geography {
            case .england: key = Key(indicator: indicator.id, comparator: .england, region: nil, period: figure.period)
            case .region(let code, let name):
                key = Key(
                    indicator: indicator.id, comparator: .region, region: code.isEmpty ? name : code,
                    period: figure.period)
            case .authority(let code, let number):
                key = Key(
                    indicator: indicator.id, comparator: .authority(codes.canonical(code, number: number)), region: nil,
                    period: figure.period)
            }
            if let earlier = first[key] {
                let message =
                    "\(indicator.id) for \(key.comparator == .region ? key.region! : key.comparator.code), \(figure.period.label) is given twice: "
                    + "\(shown(earlier)) and \(shown(figure.source))"
                if let found = duplicates[figure.mapping] {
                    duplicates[figure.mapping] = (found.first, found.count + 1)
                } else {
                    duplicates[figure.mapping] = (
                        Diagnostic(
                            file: figure.source.file, line: figure.source.line, message: message,
                            hint:
                                "a filter in published.csv may be missing (check which columns vary between the two rows), or two files hold the same years"
                        ), 1
                    )
                }
                continue
            }
            first[key] = figure.source
            /// A figure benchmarks.csv gives too: one of the two must go.
            func givenInBenchmarks(_ who: String, line: Int) {
                problems.append(
                    Diagnostic(
                        file: figure.source.file, line: figure.source.line,
                        message:
                            "\(indicator.id) for \(who), \(figure.period.label) is given both here and in benchmarks.csv line \(line)",
                        hint: "keep one: remove the benchmarks.csv row to use the published figure"))
            }
            if case .authority = key.comparator, let line = givenLines[key] {
                givenInBenchmarks(key.comparator.code, line: line)
                continue
            }
            switch figure.geography {
            case .england:
                if let line = givenLines[key] {
                    givenInBenchmarks("England", line: line)
                    continue
                }
                result.benchmarks.append(
                    Benchmark(
                        indicator: indicator.id, period: figure.period, comparator: .england,
                        value: figure.value, status: figure.status, source: figure.source))
            case .region(let code, let name):
                let members =
                    (regions[code.lowercased()] ?? [])
                    + (code.lowercased() == name.lowercased() ? [] : regions[name.lowercased()] ?? [])
                // A region row in benchmarks.csv for one of these authorities, or for every authority, is the same figure.
                let clash = members.lazy.compactMap { authority in
                    givenLines[
                        Key(indicator: indicator.id, comparator: .region, region: authority.code, period: figure.period)
                    ]
                        ?? givenLines[
                            Key(indicator: indicator.id, comparator: .region, region: nil, period: figure.period)]
                }.first
                if let line = clash {
                    givenInBenchmarks("the region \(name)", line: line)
                    continue
                }
                for authority in members {
                    result.benchmarks.append(
                        Benchmark(
                            indicator: indicator.id, period: figure.period, comparator: .region, value: figure.value,
                            status: figure.status, authority: authority.code, source: figure.source))
                }
            case .authority:
                guard case .authority(let code) = key.comparator else { continue }
                result.benchmarks.append(
                    Benchmark(
                        indicator: indicator.id, period: figure.period, comparator: key.comparator,
                        value: figure.value, status: figure.status, source: figure.source))
                guard indicator.frequency != .month, ownAuthorities.contains(code) else { continue }
                guard let month = ownMonth(of: figure.period, for: indicator) else {
                    if wrongKind.insert(figure.mapping).inserted {
                        problems.append(
                            mapping.problem(
                                at: "indicator",
                                "\(indicator.id) is \(indicator.frequency == .year ? "yearly" : "quarterly"), but \(mapping.file) gives \(figure.period.label)",
                                hint:
                                    "map a file whose periods are of the indicator's kind, or change its frequency in indicators.csv"
                            ))
                    }
                    continue
                }
                result.observations.append(
                    Observation(
                        authority: code, indicator: indicator.id, month: month, value: figure.value,
                        numerator: figure.numerator, denominator: figure.denominator,
                        status: figure.status, source: figure.source))
            }
        }
        for (_, duplicate) in duplicates.sorted(by: { $0.key < $1.key }) {
            var diagnostic = duplicate.first
            if duplicate.count > 1 {
                diagnostic.message += " (and \(plural(duplicate.count - 1, "more figure")) given twice by this mapping)"
            }
            problems.append(diagnostic)
        }
        return result
    }

    /// `published/c1.csv line 9`, as a person finds it in the dataset folder.
    private static func shown(_ row: RowReference) -> String {
        "published/\((row.file as NSString).lastPathComponent) line \(row.line)"
    }

    /// The month an own figure is held at: a yearly indicator takes a financial year or a month each
    /// year (`as_at`), a quarterly one a quarter.
    private static func ownMonth(of period: Period, for indicator: Indicator) -> Month? {
        switch (indicator.frequency, period.kind) {
        case (.year, .financialYear), (.year, .month), (.quarter, .quarter): period.last
        default: nil
        }
    }
}

/// DfE's three-digit authority numbers (`old_la_code`) tie an authority's GSS codes together
/// (Somerset `E10000027` → `E06000066`): every code of a number is kept under one.
struct AuthorityCodeHistory {
    private var canonicalByCode: [String: String] = [:]

    /// The code authorities.csv lists, else the one the latest period uses, else the greatest.
    init(figures: [PublishedReader.Figure], listed: Set<String>) {
        var periodsByNumber: [String: [String: Period]] = [:]
        for figure in figures {
            guard case .authority(let code, let number) = figure.geography, !number.isEmpty else { continue }
            let latest = periodsByNumber[number]?[code]
            if latest.map({ $0 < figure.period }) ?? true {
                periodsByNumber[number, default: [:]][code] = figure.period
            }
        }
        for (_, periods) in periodsByNumber where periods.count > 1 {
            let listedCodes = periods.keys.filter(listed.contains)
            let chosen =
                listedCodes.count == 1
                ? listedCodes[0]
                : periods.max { a, b in a.value != b.value ? a.value < b.value : a.key < b.key }!.key
            for code in periods.keys { canonicalByCode[code] = chosen }
        }
    }

    func canonical(_ code: String, number: String) -> String { canonicalByCode[code] ?? code }
}

extension PublishedReader {
    /// The dataset's own published figures added to its extracts. Where an extract gives the same
    /// figure, the extract's row is kept (it is the council's own), with a warning if the two differ.
    static func merge(
        _ published: [Observation], into extracts: [Observation], _ context: LoadContext,
        _ problems: inout [Diagnostic]
    ) -> [Observation] {
        guard !published.isEmpty else { return extracts }
        struct Key: Hashable {
            var authority: String
            var indicator: String
            var month: Month
        }
        var given: [Key: Observation] = [:]
        for row in extracts where row.breakdown.isEmpty {
            given[Key(authority: row.authority, indicator: row.indicator, month: row.month)] = row
        }
        var merged = extracts
        for row in published {
            guard let extract = given[Key(authority: row.authority, indicator: row.indicator, month: row.month)] else {
                merged.append(row)
                continue
            }
            let indicator = context.indicatorsByID[row.indicator]
            let differs =
                extract.status != row.status
                || zip([extract.value].compactMap { $0 }, [row.value].compactMap { $0 }).contains { a, b in
                    indicator.map { $0.atDisplayPrecision(a) != $0.atDisplayPrecision(b) } ?? (a != b)
                }
            if differs {
                problems.append(
                    Diagnostic(
                        file: extract.source.file, line: extract.source.line, severity: .warning,
                        message:
                            "\(row.indicator) for \(row.authority) is given here and, differently, in \(row.source.file) line \(row.source.line); this extract's figure is used",
                        hint: "check which figure is right; the published one is DfE's"))
            }
        }
        return merged
    }
}
