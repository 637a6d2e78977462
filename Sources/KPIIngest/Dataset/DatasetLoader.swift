import Foundation
import KPIModel
import Toolkit

/// How to read a dataset folder.
public struct LoadOptions: Sendable {
    public var encoding: TextEncoding
    /// Extract files read at once; the dataset read is the same whatever the number.
    public var workers: Int

    public init(encoding: TextEncoding = .utf8, workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.encoding = encoding
        self.workers = workers
    }
}

/// Reads a dataset folder as the dataset contract defines it (README, "The dataset, by example"), into a validated `Dataset`.
///
/// Every file is read and every problem collected before returning, so a person fixes them all
/// in one go. Warnings travel with the dataset; any error means no dataset.
public enum DatasetLoader {
    public static func load(directory: String, options: LoadOptions = LoadOptions()) -> Result<
        Dataset, DiagnosticsError
    > {
        var problems: [Diagnostic] = []
        let files = DatasetFiles(directory: directory)

        guard FileManager.default.fileExists(atPath: directory) else {
            return .failure(
                DiagnosticsError([
                    Diagnostic(
                        file: directory, message: "no dataset folder here",
                        hint: "give the folder that holds indicators.csv and extracts/")
                ]))
        }
        let settings = SettingsReader.read(files: files, problems: &problems)
        let fyStart = settings.financialYearStartMonth
        var context = LoadContext(settings: settings, encoding: options.encoding)

        context.authorities =
            files.optional("authorities.csv", &problems).map { AuthorityReader.read($0, context, &problems) } ?? []
        if let indicators = files.required(
            "indicators.csv", hint: "every dataset needs an indicator catalogue", &problems)
        {
            context.indicators = IndicatorReader.read(indicators, context, &problems)
        }
        let targets =
            files.optional("targets.csv", &problems).map { TargetReader.read($0, context, fyStart, &problems) } ?? []
        // Published statistics may stand in for extracts: a dataset of yearly indicators needs none.
        let publishedOnly =
            !FileManager.default.fileExists(atPath: files.path("extracts"))
            && FileManager.default.fileExists(atPath: files.path("published.csv"))
        let extracts =
            publishedOnly
            ? ExtractReader.Result() : ExtractReader.readAll(files: files, context, workers: options.workers, &problems)
        var benchmarks =
            files.optional("benchmarks.csv", &problems).map { BenchmarkReader.read($0, context, fyStart, &problems) }
            ?? []
        var own = extracts.observations.lazy.map(\.authority).distinctValues()
        if let authority = settings.authority { own.insert(authority) }
        let published = PublishedReader.read(files: files, context, ownAuthorities: own, given: benchmarks, &problems)
        benchmarks += published.benchmarks
        let observations = PublishedReader.merge(
            published.observations, into: extracts.observations, context, &problems)
        let neighbours =
            files.optional("neighbours.csv", &problems).map { NeighbourReader.read($0, context, &problems) } ?? []
        let commentary =
            files.optional("commentary.csv", &problems).map { CommentaryReader.read($0, context, fyStart, &problems) }
            ?? []
        let plan = PlanReader.read(files: files, context, &problems)

        let errors = problems.filter { $0.severity == .error }
        guard errors.isEmpty else { return .failure(DiagnosticsError(problems.sorted(by: Diagnostic.ordered))) }
        return .success(
            Dataset(
                settings: settings, indicators: context.indicators, targets: targets,
                observations: observations, benchmarks: benchmarks, neighbours: neighbours,
                authorities: context.authorities, commentary: commentary, revisions: extracts.revisions,
                plan: plan, warnings: problems.sorted(by: Diagnostic.ordered)))
    }
}

/// What the readers of later files need from earlier ones.
struct LoadContext: Sendable {
    var settings: Settings
    var encoding: TextEncoding
    var indicators: [Indicator] = [] {
        didSet {
            indicatorsByID = Dictionary(indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            indicatorIDs = TextTable(indicators.map(\.id))
        }
    }
    private(set) var indicatorsByID: [String: Indicator] = [:]
    /// The catalogue's ids by their place in it, found by a cell's bytes.
    private(set) var indicatorIDs = TextTable()
    var authorities: [Authority] = [] {
        didSet { authorityCodes = Set(authorities.map(\.code)) }
    }
    private(set) var authorityCodes: Set<String> = []

    init(settings: Settings, encoding: TextEncoding) {
        self.settings = settings
        self.encoding = encoding
    }

    /// Looks up an indicator id, reporting an unknown one at its cell.
    func indicator(in record: borrowing CSVRecord, column: Int, _ problems: inout [Diagnostic]) -> Indicator? {
        let id = record.trimmedText(column)
        if let indicator = indicatorsByID[id] { return indicator }
        if id.isEmpty {
            problems.append(
                record.diagnostic(
                    field: column, .error, "the indicator is blank", hint: "give an id from indicators.csv"))
        } else {
            let suggestion = closest(to: id, in: indicators.map(\.id)).map { "did you mean \"\($0)\"? " } ?? ""
            problems.append(
                record.diagnostic(
                    field: column, .error, "unknown indicator \(ByteText.quoted(id))",
                    hint: "\(suggestion)every indicator must be listed in indicators.csv"))
        }
        return nil
    }

    /// The place in the catalogue of the indicator a cell names, found without making a `String` for
    /// the cell; an unknown one is reported at its cell.
    func indicatorNumber(in record: borrowing CSVRecord, column: Int, _ problems: inout [Diagnostic]) -> Int? {
        if let number = record.withBytes(column, { indicatorIDs.number(of: ByteText.trimmedBytes($0)) }) {
            return number
        }
        _ = indicator(in: record, column: column, &problems)  // says why
        return nil
    }

    /// Warns when authorities.csv exists and does not list `code`.
    func checkAuthority(_ code: String, in record: borrowing CSVRecord, column: Int, _ problems: inout [Diagnostic]) {
        guard !authorityCodes.isEmpty, !authorityCodes.contains(code) else { return }
        problems.append(
            record.diagnostic(
                field: column, .warning, "authority \"\(code)\" is not in authorities.csv",
                hint: "add it to authorities.csv so its name is shown, or check the code"))
    }
}

/// The files of a dataset folder, read whole as bytes.
struct DatasetFiles: Sendable {
    var directory: String

    func path(_ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The bytes of an optional file; nil when it is absent.
    func optional(_ name: String, _ problems: inout [Diagnostic]) -> (path: String, bytes: [UInt8])? {
        let path = path(name)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return read(path, &problems)
    }

    func required(_ name: String, hint: String, _ problems: inout [Diagnostic]) -> (path: String, bytes: [UInt8])? {
        let path = path(name)
        guard FileManager.default.fileExists(atPath: path) else {
            problems.append(Diagnostic(file: path, message: "required file \(name) is missing", hint: hint))
            return nil
        }
        return read(path, &problems)
    }

    func read(_ path: String, _ problems: inout [Diagnostic]) -> (path: String, bytes: [UInt8])? {
        guard let bytes = Self.contents(of: path) else {
            problems.append(
                Diagnostic(file: path, message: "cannot read this file", hint: "check that it is a file and readable"))
            return nil
        }
        return (path, bytes)
    }

    /// A regular file's bytes, read straight into the array: by way of `Data` a large extract was
    /// held twice over at the peak.
    static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size {
                let n = Foundation.read(descriptor, buffer.baseAddress! + count, size - count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    failed = n < 0
                    break
                }
                count += n
            }
        }
        return failed ? nil : bytes
    }
}
