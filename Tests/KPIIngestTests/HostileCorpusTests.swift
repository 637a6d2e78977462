import Foundation
import KPIModel
import Testing

@testable import KPIIngest

/// One hostile input from `Corpus/` and everything kpidash must make of it.
struct CorpusCase: CustomTestStringConvertible, Sendable {
    /// `family/case`, as the failure report names it.
    var name: String
    /// Dataset path → corpus file (under `Corpus/`, without `.csv`). `dashboard.json` and
    /// `indicators.csv` come from the shared test catalogue unless a case gives its own.
    var files: [String: String]
    var encoding: TextEncoding = .utf8
    /// Every diagnostic as `file:line:column: severity: message`, in the loader's order, then, when the
    /// dataset loads, every figure, revision, indicator name and commentary it holds (see `describe`).
    var outcome: [String]

    var testDescription: String { name }

    /// The common case: one corpus file read as the September 2017 extract.
    init(_ name: String, _ outcome: [String]) {
        self.init(name, files: ["extracts/2017-09.csv": name], outcome)
    }

    init(_ name: String, files: [String: String], encoding: TextEncoding = .utf8, _ outcome: [String]) {
        self.name = name
        self.files = files
        self.encoding = encoding
        self.outcome = outcome
    }
}

/// The corpus folder, found from this file so the tests run from any working directory.
private let corpusFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

private func corpusBytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: corpusFolder.appendingPathComponent(name + ".csv")))
}

/// Where test datasets are written: a RAM-backed folder when the machine has one, because creating and
/// removing 10,000 files on some CI disks takes many seconds (and Foundation's `removeItem` longer still).
private let scratchFolder = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : FileManager.default.temporaryDirectory.path

/// Writes a dataset folder from raw bytes (corpus files are not all valid text), loads it, and removes it.
private func loadDataset(bytes files: [String: [UInt8]], encoding: TextEncoding = .utf8) -> (
    dataset: Dataset?, diagnostics: [Diagnostic], root: String
) {
    let root = scratchFolder + "/kpidash-corpus-\(UUID().uuidString)"
    var folders: Set<String> = [root]
    for path in files.keys {
        var folder = (path as NSString).deletingLastPathComponent
        while !folder.isEmpty {
            folders.insert(root + "/" + folder)
            folder = (folder as NSString).deletingLastPathComponent
        }
    }
    let deepestLast = folders.sorted { $0.count < $1.count }
    for folder in deepestLast { mkdir(folder, 0o755) }
    for (path, bytes) in files {
        let descriptor = open(root + "/" + path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        precondition(descriptor >= 0, "cannot write \(root)/\(path)")
        precondition(bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == bytes.count)
        close(descriptor)
    }
    defer {
        for path in files.keys { unlink(root + "/" + path) }
        for folder in deepestLast.reversed() { rmdir(folder) }
    }
    switch DatasetLoader.load(directory: root, options: LoadOptions(encoding: encoding)) {
    case .success(let dataset): return (dataset, dataset.warnings, root)
    case .failure(let error): return (nil, error.diagnostics, root)
    }
}

/// Text with invisible and combining characters written as `\u{…}`, so that an expectation shows them
/// and Swift's canonical string equality cannot hide a change of normalisation.
private func visible(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .nonspacingMark, .enclosingMark,
            .spacingMark:
            if scalar == " " {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        default:
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// What a loaded dataset holds, one line per item, in the order the loader keeps them.
private func describe(_ dataset: Dataset, indicatorsGiven: Bool, commentaryGiven: Bool, benchmarksGiven: Bool)
    -> [String]
{
    func number(_ value: Double?) -> String { value.map { "\($0)" } ?? "none" }
    var lines: [String] = dataset.observations.map { o in
        var line = "\(visible(o.indicator)) \(visible(o.authority)) \(o.month)"
        if !o.breakdown.isEmpty { line += " [\(visible(o.breakdown))]" }
        line += " = \(number(o.value)) \(o.status.rawValue)"
        if o.numerator != nil || o.denominator != nil { line += " (\(number(o.numerator))/\(number(o.denominator)))" }
        if let note = o.note { line += " note: \(visible(note))" }
        return line
    }
    lines += dataset.revisions.map { r in
        "revised \(r.indicator) \(r.authority) \(r.month): \(number(r.earlier.value)) -> \(number(r.later.value))"
    }
    if indicatorsGiven {
        lines += dataset.indicators.map { indicator in
            let name =
                indicator.name.unicodeScalars.count > 200
                ? visible(String(String.UnicodeScalarView(indicator.name.unicodeScalars.prefix(20))))
                    + "… (\(indicator.name.unicodeScalars.count) characters)"
                : visible(indicator.name)
            return "indicator \(indicator.id): \(name) | \(visible(indicator.area))"
        }
    }
    if benchmarksGiven {
        lines += dataset.benchmarks.map { b in
            "benchmark \(b.indicator) \(b.period.label) (\(b.period.first)...\(b.period.last)) \(b.comparator.code) = \(number(b.value)) \(b.status.rawValue)"
        }
    }
    if commentaryGiven {
        lines += dataset.commentary.map {
            "commentary \($0.indicator) \($0.period): \(visible($0.text)) | \(visible($0.author ?? ""))"
        }
    }
    return lines
}

/// Loads a case as a dataset and says what came of it.
private func outcome(of corpusCase: CorpusCase) throws -> [String] {
    var files = ["dashboard.json": Array(#"{"authority": "E10000018"}"#.utf8), "indicators.csv": Array(catalogue.utf8)]
    for (path, name) in corpusCase.files { files[path] = try corpusBytes(name) }
    let (dataset, diagnostics, root) = loadDataset(bytes: files, encoding: corpusCase.encoding)
    var lines = located(diagnostics, root: root)
    if let dataset {
        lines += describe(
            dataset, indicatorsGiven: corpusCase.files["indicators.csv"] != nil,
            commentaryGiven: corpusCase.files["commentary.csv"] != nil,
            benchmarksGiven: corpusCase.files["benchmarks.csv"] != nil)
    }
    return lines
}

@Suite struct HostileCorpusTests {
    /// With KPIDASH_CORPUS_DUMP set, every outcome is printed, to start the expectation of a new case from.
    @Test(arguments: hostileCorpus) func corpusCase(_ corpusCase: CorpusCase) throws {
        let actual = try outcome(of: corpusCase)
        if ProcessInfo.processInfo.environment["KPIDASH_CORPUS_DUMP"] != nil {
            print("CORPUS \(corpusCase.name)\n" + actual.map { "    " + $0 }.joined(separator: "\n"))
        }
        #expect(actual == corpusCase.outcome, "\(corpusCase.name)")
    }

    /// Every corpus file is named by some case, so a fixture cannot sit unread.
    @Test func everyCorpusFileHasAnExpectedOutcome() throws {
        let named = Set(hostileCorpus.flatMap { $0.files.values })
        var unread: [String] = []
        let enumerator = try #require(FileManager.default.enumerator(atPath: corpusFolder.path))
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".csv") else { continue }
            let name = String(path.dropLast(4))
            if !named.contains(name) { unread.append(name) }
        }
        #expect(unread.sorted() == [])
    }
}

@Suite struct ExtractFolderScaleTests {
    /// 10,000 extracts in one folder are all read, in file-name order, so each later file revises the earlier one.
    @Test func tenThousandFilesInOneExtractsFolder() throws {
        var files = [
            "dashboard.json": Array(#"{"authority": "E10000018"}"#.utf8), "indicators.csv": Array(catalogue.utf8),
        ]
        for n in 0..<10_000 {
            files[String(format: "extracts/part-%05d.csv", n)] = Array(
                "indicator,period,breakdown,value\nnew_referrals,2017-09,team \(n % 5_000),\(n)\n".utf8)
        }
        let (dataset, diagnostics, _) = loadDataset(bytes: files)
        #expect(diagnostics.isEmpty)
        let loaded = try #require(dataset)
        #expect(loaded.observations.count == 5_000)
        #expect(loaded.observations.allSatisfy { $0.value == Double(Int($0.breakdown.dropFirst(5))! + 5_000) })
        #expect(loaded.revisions.count == 5_000)
    }
}

@Suite struct SettingsAuthorityTests {
    /// The authority in dashboard.json names the site's folder too, so it is held to the same characters.
    @Test func anAuthorityCodeThatIsNotSafeInAPathIsAnError() {
        let (dataset, diagnostics, root) = loadDataset([
            "dashboard.json": #"{"authority": "../site"}"#,
            "indicators.csv": catalogue,
            "extracts/2017-09.csv": "indicator,value\nre_referral_rate,18.5\n",
        ])
        #expect(dataset == nil)
        #expect(
            located(diagnostics, root: root) == [
                "dashboard.json:1:2: error: \"authority\": authority code \"../site\" may use only letters, digits, - and _",
                "extracts/2017-09.csv:2:1: error: no authority for this row",
            ])
    }
}

/// The corpus, family by family (a folder each), with what each case must come to.
let hostileCorpus: [CorpusCase] = [
    CorpusCase(
        "domain/authority-code-changed",
        files: ["authorities.csv": "domain/authorities", "extracts/2021-05.csv": "domain/authority-code-changed"],
        [
            "re_referral_rate E10000021 2021-02 = 18.5 ok",
            "re_referral_rate E10000021 2021-03 = 18.9 ok",
            "re_referral_rate E06000061 2021-04 = 19.2 ok",
            "re_referral_rate E06000061 2021-05 = 19.8 ok",
        ]),
    // Authority codes name the site's folders and links: `../` wrote outside the site, `javascript:` made a link.
    CorpusCase(
        "domain/authority-path-traversal",
        [
            "extracts/2017-09.csv:2:18: error: authority code \"../../escape\" may use only letters, digits, - and _",
            "extracts/2017-09.csv:3:18: error: authority code \"javascript:alert(1)//\" may use only letters, digits, - and _",
        ]),
    CorpusCase(
        "domain/constant-series",
        [
            "caseload E10000018 2016-07 = 18.0 ok",
            "caseload E10000018 2016-08 = 18.0 ok",
            "caseload E10000018 2016-09 = 18.0 ok",
            "caseload E10000018 2016-10 = 18.0 ok",
            "caseload E10000018 2016-11 = 18.0 ok",
            "caseload E10000018 2016-12 = 18.0 ok",
            "caseload E10000018 2017-01 = 18.0 ok",
            "caseload E10000018 2017-02 = 18.0 ok",
            "caseload E10000018 2017-03 = 18.0 ok",
            "caseload E10000018 2017-04 = 18.0 ok",
            "caseload E10000018 2017-05 = 18.0 ok",
            "caseload E10000018 2017-06 = 18.0 ok",
            "caseload E10000018 2017-07 = 18.0 ok",
            "caseload E10000018 2017-08 = 18.0 ok",
            "caseload E10000018 2017-09 = 18.0 ok",
        ]),
    CorpusCase(
        "domain/duplicate-key",
        [
            "extracts/2017-09.csv:3:1: error: re_referral_rate for E10000018, 2017-09 is given twice in this file (first on line 2)"
        ]),
    CorpusCase(
        "domain/small-counts",
        [
            "new_referrals E10000018 2017-01 = 1.0 ok",
            "new_referrals E10000018 2017-02 = 2.0 ok",
            "new_referrals E10000018 2017-03 = 3.0 ok",
            "new_referrals E10000018 2017-04 = 4.0 ok",
            "new_referrals E10000018 2017-05 = 5.0 ok",
            "new_referrals E10000018 2017-06 = 0.0 ok",
            "new_referrals E10000018 2017-07 = 6.0 ok",
            "new_referrals E10000018 2017-08 = 12.0 ok",
            "new_referrals E10000018 2017-09 = 3.0 ok",
        ]),
    CorpusCase(
        "domain/too-few-points",
        [
            "re_referral_rate E10000018 2017-08 = 19.1 ok",
            "re_referral_rate E10000018 2017-09 = 18.5 ok",
        ]),
    CorpusCase(
        "domain/unknown-authority",
        files: ["authorities.csv": "domain/authorities", "extracts/2017-09.csv": "domain/unknown-authority"],
        [
            "extracts/2017-09.csv:3:18: warning: authority \"E99999999\" is not in authorities.csv",
            "re_referral_rate E10000018 2017-09 = 18.5 ok",
            "re_referral_rate E99999999 2017-09 = 20.1 ok",
        ]),
    CorpusCase(
        "domain/unknown-indicator",
        [
            "extracts/2017-09.csv:2:1: error: unknown indicator \"re_referal_rate\"",
            "extracts/2017-09.csv:3:1: error: unknown indicator \"RE_REFERRAL_RATE\"",
        ]),
    CorpusCase("encoding/bom", ["re_referral_rate E10000018 2017-09 = 18.5 ok"]),
    CorpusCase(
        "encoding/bom-inside-file",
        [
            "extracts/2017-09.csv:2:1: error: an invisible byte-order mark (U+FEFF) inside the file",
            "extracts/2017-09.csv:2:1: error: unknown indicator \"<U+FEFF>re_referral_rate\"",
        ]),
    CorpusCase(
        "encoding/double-bom",
        ["extracts/2017-09.csv:1:1: error: the file starts with 2 byte-order marks instead of one"]),
    CorpusCase(
        "encoding/emoji-and-combining-marks", ["extracts/2017-09.csv:3:30: error: expected a number, found \"💯\""]),
    CorpusCase(
        "encoding/emoji-and-combining-marks-read",
        [
            "re_referral_rate E10000018 2017-09 [Team 👩\\u{200D}👧 Zoe\\u{308}] = 18.5 ok note: café 🎉",
            "re_referral_rate E10000018 2017-09 [Team Zoë] = 19.5 ok",
        ]),
    CorpusCase(
        "encoding/invalid-utf8",
        [
            "extracts/2017-09.csv:3:22: error: this file is not valid UTF-8 (byte 0xFF); 1 more line has bytes that are not UTF-8"
        ]),
    CorpusCase(
        "encoding/names",
        files: ["indicators.csv": "encoding/names.indicators", "extracts/2017-09.csv": "line-ends/lf"],
        [
            "re_referral_rate E10000018 2017-09 = 18.5 ok",
            "new_referrals E10000018 2017-09 = 12.0 ok",
            "indicator re_referral_rate: Re-referrals 🔄 (Zoe\\u{308}'s team) | First Response",
            "indicator new_referrals: Referrals — مرحبا שלום | First Response",
        ]),
    CorpusCase(
        "encoding/nbsp-in-indicator",
        ["extracts/2017-09.csv:2:1: error: unknown indicator \"re_referral_rate<U+00A0>\""]),
    CorpusCase(
        "encoding/nbsp-in-value", ["extracts/2017-09.csv:2:15: error: expected a number, found \"1<U+00A0>234\""]),
    CorpusCase(
        "encoding/nul-bytes",
        [
            "extracts/2017-09.csv:2:18: error: expected a number, found \"18<U+0000>5\"",
            "extracts/2017-09.csv:2:20: error: a NUL byte (0x00) in the text",
        ]),
    CorpusCase("encoding/nul-in-quoted-field", ["extracts/2017-09.csv:2:25: error: a NUL byte (0x00) in the text"]),
    CorpusCase(
        "encoding/overlong-utf8",
        [
            "extracts/2017-09.csv:2:18: error: expected a number, found \"1��5\"",
            "extracts/2017-09.csv:2:19: error: this file is not valid UTF-8 (byte 0xC0)",
        ]),
    CorpusCase(
        "encoding/utf16-be-bom", ["extracts/2017-09.csv:1:1: error: this file is UTF-16 (big-endian), not UTF-8"]),
    CorpusCase(
        "encoding/utf16-le-bom", ["extracts/2017-09.csv:1:1: error: this file is UTF-16 (little-endian), not UTF-8"]),
    CorpusCase(
        "encoding/utf16-le-no-bom", ["extracts/2017-09.csv:1:1: error: this file is UTF-16 (little-endian), not UTF-8"]),
    CorpusCase("encoding/windows-1252", ["extracts/2017-09.csv:2:25: error: this file is not valid UTF-8 (byte 0xEB)"]),
    CorpusCase(
        "encoding/windows-1252 converted", files: ["extracts/2017-09.csv": "encoding/windows-1252"],
        encoding: .windows1252,
        [
            "re_referral_rate E10000018 2017-09 = 18.5 ok note: Zoë checked – £ €"
        ]),
    CorpusCase(
        "encoding/zero-width-space-in-authority",
        [
            "extracts/2017-09.csv:2:18: error: authority code \"E10000018<U+200B>\" may use only letters, digits, - and _"
        ]),
    CorpusCase(
        "encoding/zero-width-space-in-indicator",
        ["extracts/2017-09.csv:2:1: error: unknown indicator \"<U+200B>re_referral_rate\""]),
    CorpusCase(
        "injection/formula-cells",
        [
            "re_referral_rate E10000018 2017-09 = 18.5 ok note: =HYPERLINK(\"http://evil.example\",\"click\")",
            "re_referral_rate E10000018 2017-09 [=1+1] = 18.5 ok note: +cmd|' /C calc'!A0",
            "re_referral_rate E10000018 2017-09 [@SUM(A1)] = 18.5 ok note: -2+3",
            "re_referral_rate E10000018 2017-09 [Tab team] = 18.5 ok note: \\u{D}CR note",
            "new_referrals E10000018 2017-09 = -0.0 ok note: =1",
        ]),
    CorpusCase(
        "injection/markup",
        files: [
            "indicators.csv": "injection/markup.indicators", "commentary.csv": "injection/markup.commentary",
            "extracts/2017-09.csv": "line-ends/lf",
        ],
        [
            "re_referral_rate E10000018 2017-09 = 18.5 ok",
            "new_referrals E10000018 2017-09 = 12.0 ok",
            "indicator re_referral_rate: Re-referrals <script>alert(1)</script> | \"><svg onload=alert(1)>",
            "indicator new_referrals: Referrals ]]> --> | First Response",
            "indicator caseload: Long name Long name … (10239 characters) | Workforce",
            "commentary re_referral_rate 2017-09: Fell this month. <script>alert(1)</script> <a href=\"javascript:alert(1)\">details</a> ]]> --> | \"><svg onload=alert(1)>",
        ]),
    CorpusCase(
        "line-ends/blank-lines-between-rows", ["extracts/2017-09.csv:6:15: error: expected a number, found \"oops\""]),
    CorpusCase(
        "line-ends/cr-crlf-inside-quotes", ["extracts/2017-09.csv:5:15: error: expected a number, found \"bad\""]),
    CorpusCase(
        "line-ends/crlf",
        [
            "re_referral_rate E10000018 2017-09 = 18.5 ok",
            "new_referrals E10000018 2017-09 = 12.0 ok",
        ]),
    CorpusCase(
        "line-ends/lf",
        [
            "re_referral_rate E10000018 2017-09 = 18.5 ok",
            "new_referrals E10000018 2017-09 = 12.0 ok",
        ]),
    CorpusCase(
        "line-ends/lone-cr",
        [
            "re_referral_rate E10000018 2017-09 = 18.5 ok",
            "new_referrals E10000018 2017-09 = 12.0 ok",
        ]),
    CorpusCase("line-ends/mixed", ["extracts/2017-09.csv:4:10: error: expected a number, found \"abc\""]),
    CorpusCase(
        "line-ends/no-final-line-end",
        [
            "re_referral_rate E10000018 2017-09 = 18.5 ok",
            "new_referrals E10000018 2017-09 = 12.0 ok",
        ]),
    CorpusCase(
        "line-ends/no-final-line-end-after-error",
        ["extracts/2017-09.csv:3:15: error: expected a number, found \"twelve\""]),
    CorpusCase("line-ends/trailing-blank-lines", ["re_referral_rate E10000018 2017-09 = 18.5 ok"]),
    CorpusCase(
        "numbers/accounting-brackets",
        ["extracts/2017-09.csv:2:10: error: \"(12)\" uses brackets for a negative number"]),
    CorpusCase(
        "numbers/computed-too-large",
        [
            "extracts/2017-09.csv:2:10: error: the figure computed from the counts is too large: figures must be below 1,000,000,000"
        ]),
    // A marker wins over counts beside it: a figure marked suppressed must not be published from its counts.
    CorpusCase(
        "numbers/counts-and-value",
        [
            "extracts/2017-09.csv:3:18: warning: the value 20 disagrees with its counts, which give 18.5; the counts are used",
            "extracts/2017-09.csv:4:18: warning: the value is marked \"c\" but counts are given; the marker is kept and the counts are not used",
            "re_referral_rate E10000018 2017-09 [agrees] = 18.48101265822785 ok (73.0/395.0)",
            "re_referral_rate E10000018 2017-09 [disagrees] = 18.48101265822785 ok (73.0/395.0)",
            "re_referral_rate E10000018 2017-09 [marked] = none suppressed",
        ]),
    CorpusCase("numbers/currency", ["extracts/2017-09.csv:2:15: error: \"£1,000\" has a currency symbol"]),
    CorpusCase("numbers/decimal-comma", ["extracts/2017-09.csv:2:18: error: \"18,5\" has a comma in the wrong place"]),
    CorpusCase("numbers/exponent", ["extracts/2017-09.csv:2:15: error: \"1e3\" is written with an exponent"]),
    CorpusCase(
        "numbers/four-hundred-digits",
        [
            "extracts/2017-09.csv:2:15: error: the number \"999999999999999999999999999999999999999…\" is out of range (400 digits before the decimal point)"
        ]),
    CorpusCase("numbers/gss-k-marker", ["extracts/2017-09.csv:2:15: error: expected a number, found \"k\""]),
    CorpusCase("numbers/hexadecimal-float", ["extracts/2017-09.csv:2:15: error: \"0x1p3\" is a hexadecimal number"]),
    // Figures of 10^9 and more are refused: beyond them sums overflow and pages printed `nan`.
    CorpusCase(
        "numbers/huge-but-finite",
        ["extracts/2017-09.csv:2:15: error: the value is too large: figures must be below 1,000,000,000"]),
    CorpusCase(
        "numbers/huge-count-pair",
        [
            "extracts/2017-09.csv:2:18: error: the numerator is too large: figures must be below 1,000,000,000",
            "extracts/2017-09.csv:2:32: error: the denominator is too large: figures must be below 1,000,000,000",
        ]),
    CorpusCase(
        "numbers/huge-target",
        files: ["targets.csv": "numbers/huge-target.targets", "extracts/2017-09.csv": "line-ends/lf"],
        [
            "targets.csv:2:29: error: the tolerance is too large: figures must be below 1,000,000,000"
        ]),
    CorpusCase("numbers/largest-plausible", ["new_referrals E10000018 2017-09 = 999999999.0 ok"]),
    CorpusCase("numbers/leading-zeros", ["new_referrals E10000018 2017-09 = 7.0 ok"]),
    CorpusCase(
        "numbers/low-reliability-with-counts",
        ["re_referral_rate E10000018 2017-09 = 18.48101265822785 low_reliability (73.0/395.0)"]),
    CorpusCase(
        "numbers/missing-markers",
        [
            "re_referral_rate E10000018 2017-09 [0] = none missing",
            "re_referral_rate E10000018 2017-09 [1] = none suppressed",
            "re_referral_rate E10000018 2017-09 [2] = none suppressed",
            "re_referral_rate E10000018 2017-09 [3] = none not_available",
            "re_referral_rate E10000018 2017-09 [4] = none not_available",
            "re_referral_rate E10000018 2017-09 [5] = none not_available",
            "re_referral_rate E10000018 2017-09 [6] = none not_available",
            "re_referral_rate E10000018 2017-09 [7] = none not_applicable",
            "re_referral_rate E10000018 2017-09 [8] = none not_applicable",
            "re_referral_rate E10000018 2017-09 [9] = none not_applicable",
            "re_referral_rate E10000018 2017-09 [10] = none not_applicable",
            "re_referral_rate E10000018 2017-09 [11] = none low_reliability",
            "re_referral_rate E10000018 2017-09 [12] = 12.5 low_reliability",
            "re_referral_rate E10000018 2017-09 [13] = none suppressed",
            "re_referral_rate E10000018 2017-09 [14] = none missing",
        ]),
    CorpusCase(
        "numbers/nan-inf",
        [
            "extracts/2017-09.csv:2:10: error: \"nan\" is not a number",
            "extracts/2017-09.csv:3:10: error: \"NaN\" is not a number",
            "extracts/2017-09.csv:4:10: error: \"inf\" is not a finite number",
            "extracts/2017-09.csv:5:10: error: \"-Infinity\" is not a finite number",
        ]),
    CorpusCase("numbers/negative-count", ["extracts/2017-09.csv:2:15: error: a count cannot be negative, found -3"]),
    CorpusCase("numbers/negative-zero", ["re_referral_rate E10000018 2017-09 = -0.0 ok"]),
    CorpusCase(
        "numbers/numerator-above-denominator",
        ["extracts/2017-09.csv:2:18: error: the numerator (400) is above the denominator (390)"]),
    // A blank count beside a given one is an error (a marker such as `c` says why it is absent; a blank does not).
    CorpusCase(
        "numbers/one-count-missing",
        [
            "extracts/2017-09.csv:2:19: error: a numerator without a denominator",
            "extracts/2017-09.csv:3:24: error: a denominator without a numerator",
        ]),
    CorpusCase(
        "numbers/percent-out-of-range",
        [
            "extracts/2017-09.csv:2:18: error: a percentage must be from 0 to 100, found 100.01",
            "extracts/2017-09.csv:3:18: error: a percentage must be from 0 to 100, found -0.5",
        ]),
    CorpusCase(
        "numbers/percent-sign",
        [
            "re_referral_rate E10000018 2017-09 [a] = 12.0 ok",
            "re_referral_rate E10000018 2017-09 [b] = 12.5 ok",
            "re_referral_rate E10000018 2017-09 [c] = 18.5 ok",
        ]),
    CorpusCase(
        "numbers/percent-sign-on-a-count",
        [
            "extracts/2017-09.csv:2:15: warning: a percent sign on a count indicator",
            "new_referrals E10000018 2017-09 = 12.0 ok",
        ]),
    CorpusCase("numbers/suppressed-counts", ["re_referral_rate E10000018 2017-09 = none suppressed"]),
    CorpusCase("numbers/thousands-quoted", ["new_referrals E10000018 2017-09 = 1234.0 ok"]),
    CorpusCase(
        "numbers/thousands-unquoted", ["extracts/2017-09.csv:2:1: error: this row has 3 fields but the header has 2"]),
    CorpusCase(
        "numbers/twenty-digits",
        ["extracts/2017-09.csv:2:15: error: the value is too large: figures must be below 1,000,000,000"]),
    CorpusCase(
        "numbers/zero-denominator",
        [
            "extracts/2017-09.csv:2:20: error: the denominator is 0, so no figure can be computed",
            "extracts/2017-09.csv:3:20: error: the denominator is 0, so no figure can be computed",
        ]),
    CorpusCase(
        "periods/day-month-ambiguous",
        [
            "extracts/2017-09.csv:2:18: error: \"01/09/2017\" is a date whose order of day and month is ambiguous",
            "extracts/2017-09.csv:3:18: error: \"09/01/2017\" is a date whose order of day and month is ambiguous",
            "extracts/2017-09.csv:4:18: error: \"30/09/2017\" is a date, not a month",
        ]),
    CorpusCase(
        "periods/duplicate-month",
        [
            "extracts/2017-09.csv:3:1: error: re_referral_rate for E10000018, 2017-09 is given twice in this file (first on line 2)"
        ]),
    CorpusCase(
        "periods/every-month-form",
        [
            "re_referral_rate E10000018 2017-09 = 1.0 ok",
            "re_referral_rate E10000018 2017-08 = 2.0 ok",
            "re_referral_rate E10000018 2016-09 = 3.0 ok",
            "re_referral_rate E10000018 2017-07 = 4.0 ok",
            "re_referral_rate E10000018 2017-06 = 5.0 ok",
            "re_referral_rate E10000018 2017-05 = 6.0 ok",
            "re_referral_rate E10000018 2017-04 = 7.0 ok",
            "re_referral_rate E10000018 2015-09 = 8.0 ok",
            "re_referral_rate E10000018 2014-09 = 9.0 ok",
            "re_referral_rate E10000018 2011-12 = 10.0 ok",
        ]),
    CorpusCase(
        "periods/every-form",
        files: ["benchmarks.csv": "periods/every-form.benchmarks", "extracts/2017-09.csv": "line-ends/lf"],
        [
            "re_referral_rate E10000018 2017-09 = 18.5 ok",
            "new_referrals E10000018 2017-09 = 12.0 ok",
            "benchmark re_referral_rate 2016/17 (2016-04...2017-03) england = 21.9 ok",
            "benchmark re_referral_rate 2016/17 (2016-04...2017-03) E10000031 = 20.1 ok",
            "benchmark re_referral_rate 2017/18 Q2 (2017-07...2017-09) england = 21.5 ok",
            "benchmark re_referral_rate 2017/18 Q1 (2017-04...2017-06) england = 21.0 ok",
            "benchmark re_referral_rate 2017 (2017-01...2017-12) region = 22.0 ok",
            "benchmark re_referral_rate 2017-09 (2017-09...2017-09) statistical_neighbours = 19.9 ok",
            "benchmark re_referral_rate 2017-08 (2017-08...2017-08) england = none not_available",
            "benchmark re_referral_rate 1999/00 (1999-04...2000-03) england = 25.0 ok",
        ]),
    CorpusCase(
        "periods/excel-serial", ["extracts/2017-09.csv:2:18: error: \"42979\" looks like an Excel date serial number"]),
    // The loader has no clock: `kpidash check` and `build` refuse the future month (HostileSiteTests).
    CorpusCase(
        "periods/future-month",
        [
            "re_referral_rate E10000018 2017-09 = 18.5 ok",
            "re_referral_rate E10000018 2071-09 = 17.0 ok",
        ]),
    CorpusCase("periods/missing-period", ["re_referral_rate E10000018 2017-09 = 18.5 ok"]),
    CorpusCase(
        "periods/missing-period in a file not named by month", files: ["extracts/latest.csv": "periods/missing-period"],
        [
            "extracts/latest.csv:2:18: error: no period for this row: the period is blank and the file name is not a month"
        ]),
    CorpusCase("periods/month-13", ["extracts/2017-09.csv:2:18: error: month 13 does not exist (in \"2017-13\")"]),
    CorpusCase(
        "periods/not-a-month",
        [
            "extracts/2017-09.csv:2:18: error: expected a month, found the financial year 2017/18",
            "extracts/2017-09.csv:3:18: error: expected a month, found the year 2017",
            "extracts/2017-09.csv:4:18: error: expected a month, found the quarter 2017/18 Q2",
        ]),
    CorpusCase(
        "periods/out-of-order",
        [
            "re_referral_rate E10000018 2017-09 = 3.0 ok",
            "re_referral_rate E10000018 2017-07 = 1.0 ok",
            "re_referral_rate E10000018 2017-08 = 2.0 ok",
        ]),
    CorpusCase(
        "periods/revised",
        files: ["extracts/2017-08.csv": "periods/revised.first", "extracts/2017-09.csv": "periods/revised.second"],
        [
            "re_referral_rate E10000018 2017-08 = 19.4 ok",
            "re_referral_rate E10000018 2017-09 = 18.5 ok",
            "revised re_referral_rate E10000018 2017-08: 19.1 -> 19.4",
        ]),
    CorpusCase("periods/sept-2017", ["re_referral_rate E10000018 2017-09 = 18.5 ok"]),
    CorpusCase(
        "periods/two-digit-years",
        [
            "extracts/2017-09.csv:2:18: error: \"09/17\" has a two-digit year",
            "extracts/2017-09.csv:3:18: error: \"17-09\" has a two-digit year",
            "extracts/2017-09.csv:4:18: error: \"Sep 17\" has a two-digit year (or is it a day of the month?)",
            "extracts/2017-09.csv:5:18: error: \"17/18\" has two-digit years",
        ]),
    CorpusCase(
        "periods/year-out-of-range", ["extracts/2017-09.csv:2:18: error: the year 217 is out of range (in \"0217-09\")"]
    ),
    CorpusCase("quoting/doubled-quote", ["re_referral_rate E10000018 2017-09 = 18.5 ok note: the \"front door\" team"]),
    CorpusCase(
        "quoting/empty-quoted-vs-empty",
        [
            "re_referral_rate E10000018 2017-09 [a] = none missing",
            "re_referral_rate E10000018 2017-09 [b] = none missing",
        ]),
    CorpusCase(
        "quoting/quote-inside-unquoted-field",
        ["extracts/2017-09.csv:2:28: error: a quote inside a field that does not start with a quote"]),
    CorpusCase("quoting/quoted-comma", ["new_referrals E10000018 2017-09 = 1234.0 ok"]),
    CorpusCase("quoting/quoted-everything", ["re_referral_rate E10000018 2017-09 = 18.5 ok"]),
    CorpusCase("quoting/quoted-line-break", ["extracts/2017-09.csv:4:15: error: expected a number, found \"x1\""]),
    CorpusCase("quoting/quoted-marker", ["re_referral_rate E10000018 2017-09 = none suppressed"]),
    CorpusCase(
        "quoting/spaces-after-quote", ["extracts/2017-09.csv:2:24: error: spaces after the closing quote of a field"]),
    CorpusCase(
        "quoting/spaces-before-quote", ["extracts/2017-09.csv:2:19: error: spaces before the opening quote of a field"]),
    CorpusCase("quoting/spaces-inside-quotes", ["re_referral_rate E10000018 2017-09 = 18.5 ok"]),
    CorpusCase(
        "quoting/text-after-closing-quote",
        [
            "extracts/2017-09.csv:2:18: error: expected a number, found \"18.5\"%\"",
            "extracts/2017-09.csv:2:24: error: text after the closing quote of a field",
        ]),
    CorpusCase(
        "quoting/unterminated-quote-at-end",
        [
            "extracts/2017-09.csv:2:23: error: this quoted field is never closed: its opening quote runs to the end of the file"
        ]),
    CorpusCase(
        "quoting/unterminated-quote-in-middle-row",
        [
            "extracts/2017-09.csv:3:15: error: this quoted field is never closed: its opening quote runs to the end of the file"
        ]),
    CorpusCase("structure/blank-indicator", ["extracts/2017-09.csv:2:1: error: the indicator is blank"]),
    CorpusCase("structure/blank-row-before-header", ["re_referral_rate E10000018 2017-09 = 18.5 ok"]),
    CorpusCase(
        "structure/case-variant-duplicate-header",
        ["extracts/2017-09.csv:1:17: error: column \"value\" appears twice (first as column 2)"]),
    CorpusCase("structure/case-variant-headers", ["re_referral_rate E10000018 2017-09 = 18.5 ok note: checked"]),
    CorpusCase(
        "structure/duplicate-header",
        ["extracts/2017-09.csv:1:17: error: column \"value\" appears twice (first as column 2)"]),
    CorpusCase("structure/empty", ["extracts/2017-09.csv:1:1: error: the file is empty"]),
    // A row of empty fields is what a spreadsheet writes for an empty row: a blank line, skipped.
    CorpusCase("structure/excel-trailing-comma-rows", ["re_referral_rate E10000018 2017-09 = 18.5 ok"]),
    CorpusCase("structure/header-only", ["extracts/2017-09.csv:1:1: warning: this extract has no rows"]),
    CorpusCase("structure/header-only-no-line-end", ["extracts/2017-09.csv:1:1: warning: this extract has no rows"]),
    CorpusCase("structure/line-of-commas-wider-than-header", ["re_referral_rate E10000018 2017-09 = 18.5 ok"]),
    CorpusCase(
        "structure/line-of-only-commas",
        [
            "re_referral_rate E10000018 2017-09 = 18.5 ok",
            "new_referrals E10000018 2017-09 = 12.0 ok",
        ]),
    CorpusCase(
        "structure/many-errors-capped",
        (2...101).map { "extracts/2017-09.csv:\($0):18: error: expected a number, found \"abc\"" }
            + ["extracts/2017-09.csv:102:18: error: 20 more problems in this file not shown"]),
    CorpusCase(
        "structure/missing-indicator-column", ["extracts/2017-09.csv:1:1: error: missing required column \"indicator\""]
    ),
    CorpusCase(
        "structure/missing-value-columns",
        ["extracts/2017-09.csv:1:1: error: the header needs value, or numerator and denominator"]),
    CorpusCase(
        "structure/misspelt-column",
        [
            "extracts/2017-09.csv:1:1: error: the header needs value, or numerator and denominator",
            "extracts/2017-09.csv:1:11: warning: unknown column \"valeu\" is ignored",
        ]),
    CorpusCase(
        "structure/numerator-without-denominator-column",
        ["extracts/2017-09.csv:2:23: error: a numerator without a denominator"]),
    CorpusCase(
        "structure/ragged-long-row", ["extracts/2017-09.csv:2:1: error: this row has 3 fields but the header has 2"]),
    CorpusCase(
        "structure/ragged-short-row", ["extracts/2017-09.csv:2:1: error: this row has 2 fields but the header has 3"]),
    CorpusCase(
        "structure/ragged-single-field", ["extracts/2017-09.csv:2:1: error: this row has 1 field but the header has 2"]),
    CorpusCase(
        "structure/trailing-delimiter",
        [
            "extracts/2017-09.csv:1:17: warning: unknown column \"\" is ignored",
            "re_referral_rate E10000018 2017-09 = 18.5 ok",
        ]),
    CorpusCase(
        "structure/trailing-delimiter-on-rows-only",
        ["extracts/2017-09.csv:2:1: error: this row has 3 fields but the header has 2"]),
    CorpusCase(
        "structure/unknown-column",
        [
            "extracts/2017-09.csv:1:17: warning: unknown column \"comment\" is ignored",
            "re_referral_rate E10000018 2017-09 = 18.5 ok",
        ]),
]
