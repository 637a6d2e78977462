import Foundation
import KPIModel
import Testing

@testable import KPIIngest

/// Writes a dataset folder from file texts and loads it.
func loadDataset(_ files: [String: String], encoding: TextEncoding = .utf8) -> (
    dataset: Dataset?, diagnostics: [Diagnostic], root: String
) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("kpidash-test-\(UUID().uuidString)").path
    for (name, text) in files {
        let path = root + "/" + name
        try! FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
    defer { try? FileManager.default.removeItem(atPath: root) }
    switch DatasetLoader.load(directory: root, options: LoadOptions(encoding: encoding)) {
    case .success(let dataset): return (dataset, dataset.warnings, root)
    case .failure(let error): return (nil, error.diagnostics, root)
    }
}

/// `file:line:column: severity: message` with the temporary root removed.
func located(_ diagnostics: [Diagnostic], root: String) -> [String] {
    diagnostics.map { $0.description.replacingOccurrences(of: root + "/", with: "") }
}

let catalogue = """
    id,name,area,unit,polarity
    re_referral_rate,Re-referrals within 12 months,First Response,percent,lower
    assessments_45_days,Assessments within 45 working days,First Response,percent,higher
    caseload,Average social worker caseload,Workforce,number,band
    new_referrals,Referrals,First Response,count,neutral

    """

@Suite struct DatasetLoaderTests {
    @Test func readsAMinimalDataset() throws {
        let (dataset, diagnostics, _) = loadDataset([
            "dashboard.json": #"{"title": "Test", "authority": "E10000018"}"#,
            "indicators.csv": catalogue,
            "extracts/2017-09.csv": "indicator,value\nre_referral_rate,18.5%\nnew_referrals,\"1,234\"\n",
        ])
        #expect(diagnostics.isEmpty)
        let observations = try #require(dataset).observations
        #expect(observations.count == 2)
        #expect(observations[0].value == 18.5)
        #expect(observations[0].month == Month(year: 2017, month: 9))
        #expect(observations[0].authority == "E10000018")
        #expect(observations[1].value == 1234)
    }

    @Test func missingMarkersAreStatusesNeverZero() throws {
        let (dataset, diagnostics, _) = loadDataset([
            "dashboard.json": #"{"authority": "E10000018"}"#,
            "indicators.csv": catalogue,
            "extracts/2017-09.csv": """
            indicator,value,breakdown
            re_referral_rate,,a
            re_referral_rate,c,b
            re_referral_rate,x,c
            re_referral_rate,TBC,d
            re_referral_rate,-,e
            re_referral_rate,z,f
            re_referral_rate,N/A,g
            re_referral_rate,NA,h
            re_referral_rate,12.5 u,i

            """,
        ])
        #expect(diagnostics.isEmpty)
        let observations = try #require(dataset).observations
        #expect(
            observations.map(\.status) == [
                .missing, .suppressed, .notAvailable, .notAvailable, .notAvailable,
                .notApplicable, .notApplicable, .notApplicable, .lowReliability,
            ])
        #expect(observations.dropLast().allSatisfy { $0.value == nil })
        #expect(observations.last?.value == 12.5)
    }

    @Test func countsWinOverAValueAndADisagreementIsAWarning() throws {
        let (dataset, diagnostics, root) = loadDataset([
            "dashboard.json": #"{"authority": "E10000018"}"#,
            "indicators.csv": catalogue,
            "extracts/2017-09.csv":
                "indicator,value,numerator,denominator\nassessments_45_days,,292,390\nre_referral_rate,20.0,73,395\n",
        ])
        let observations = try #require(dataset).observations
        #expect(NumberFormat.fixed(observations[0].value!, decimals: 1) == "74.9")
        #expect(observations[0].numerator == 292 && observations[0].denominator == 390)
        #expect(NumberFormat.fixed(observations[1].value!, decimals: 1) == "18.5")
        #expect(
            located(diagnostics, root: root) == [
                "extracts/2017-09.csv:3:18: warning: the value 20 disagrees with its counts, which give 18.5; the counts are used"
            ])
    }

    @Test func periodComesFromTheFileNameWhenThereIsNoPeriodColumn() throws {
        let (dataset, _, _) = loadDataset([
            "dashboard.json": #"{"authority": "E10000018"}"#,
            "indicators.csv": catalogue,
            "extracts/Sep-17.csv": "indicator,value\nre_referral_rate,18.5\n",
            "extracts/x.csv": "indicator,period,value\nre_referral_rate,2017-08,19.1\n",
        ])
        let months = try #require(dataset).observations.map(\.month.description)
        #expect(months == ["2017-09", "2017-08"])
    }

    @Test func aLaterFileRevisesAnEarlierOneAndTheRevisionIsReported() throws {
        let (dataset, diagnostics, _) = loadDataset([
            "dashboard.json": #"{"authority": "E10000018"}"#,
            "indicators.csv": catalogue,
            "extracts/2017-08.csv": "indicator,value\nre_referral_rate,19.1\n",
            "extracts/2017-09.csv":
                "indicator,period,value\nre_referral_rate,2017-08,19.4\nre_referral_rate,2017-09,18.5\n",
        ])
        #expect(diagnostics.isEmpty)
        let loaded = try #require(dataset)
        #expect(loaded.observations.count == 2)
        #expect(loaded.observations[0].value == 19.4)
        #expect(loaded.revisions.count == 1)
        #expect(loaded.revisions.first?.earlier.value == 19.1)
        #expect(loaded.revisions.first?.later.source.line == 2)
    }

    @Test func everyDomainErrorIsLocated() {
        let (dataset, diagnostics, root) = loadDataset([
            "dashboard.json": #"{"authority": "E10000018"}"#,
            "indicators.csv": catalogue,
            "extracts/2017-09.csv": """
            indicator,value,numerator,denominator
            re_referal_rate,18.5,,
            re_referral_rate,118,,
            new_referrals,-3,,
            assessments_45_days,,400,390
            assessments_45_days,,1,0
            re_referral_rate,nan,,
            re_referral_rate,inf,,
            caseload,17,,
            caseload,18,,
            new_referrals,5,,

            """,
        ])
        #expect(dataset == nil)
        #expect(
            located(diagnostics, root: root) == [
                "extracts/2017-09.csv:2:1: error: unknown indicator \"re_referal_rate\"",
                "extracts/2017-09.csv:3:18: error: a percentage must be from 0 to 100, found 118",
                "extracts/2017-09.csv:4:15: error: a count cannot be negative, found -3",
                "extracts/2017-09.csv:5:22: error: the numerator (400) is above the denominator (390)",
                "extracts/2017-09.csv:6:24: error: the denominator is 0, so no figure can be computed",
                "extracts/2017-09.csv:7:18: error: \(nanMessage)",
                "extracts/2017-09.csv:8:18: error: \(infMessage)",
                "extracts/2017-09.csv:10:1: error: caseload for E10000018, 2017-09 is given twice in this file (first on line 9)",
            ])
    }

    @Test func unknownIndicatorSuggestsTheNearestId() {
        let (_, diagnostics, _) = loadDataset([
            "dashboard.json": #"{"authority": "E10000018"}"#,
            "indicators.csv": catalogue,
            "extracts/2017-09.csv": "indicator,value\nre_referal_rate,18.5\n",
        ])
        #expect(diagnostics.first?.hint?.hasPrefix("did you mean \"re_referral_rate\"?") == true)
        #expect(diagnostics.first?.sourceLine == "re_referal_rate,18.5")
    }

    @Test func headerProblems() {
        let (_, diagnostics, root) = loadDataset([
            "dashboard.json": #"{"authority": "E10000018"}"#,
            "indicators.csv": "id,name,area,unit,Unit,polarity,colour\nx,X,A,count,count,higher,red\n",
            "extracts/2017-09.csv": "indicator,period\nx,2017-09\n",
        ])
        #expect(
            located(diagnostics, root: root) == [
                "extracts/2017-09.csv:1:1: error: the header needs value, or numerator and denominator",
                "indicators.csv:1:19: error: column \"unit\" appears twice (first as column 4)",
                "indicators.csv:1:33: warning: unknown column \"colour\" is ignored",
            ])
    }

    @Test func raggedRowsAndMissingFiles() {
        let (_, diagnostics, root) = loadDataset([
            "dashboard.json": #"{"authority": "E10000018"}"#,
            "extracts/2017-09.csv": "indicator,value\nx,1,2\n",
        ])
        #expect(
            located(diagnostics, root: root) == [
                "extracts/2017-09.csv:2:1: error: this row has 3 fields but the header has 2",
                "indicators.csv:1:1: error: required file indicators.csv is missing",
            ])
    }

    @Test func settingsRejectUnknownKeysWithTheirLocation() {
        let (_, diagnostics, root) = loadDataset([
            "dashboard.json":
                "{\n  \"title\": \"T\",\n  \"autority\": \"E10000018\",\n  \"financialYearStartMonth\": 13\n}\n",
            "indicators.csv": catalogue,
            "extracts/2017-09.csv": "indicator,authority,value\nre_referral_rate,E10000018,18.5\n",
        ])
        #expect(
            located(diagnostics, root: root) == [
                "dashboard.json:3:3: error: unknown setting \"autority\"",
                "dashboard.json:4:3: error: \"financialYearStartMonth\" must be a month number from 1 to 12",
            ])
        #expect(diagnostics.first?.hint?.hasPrefix("did you mean \"authority\"?") == true)
    }

    @Test func aRowWithNoAuthorityAnywhereIsAnError() {
        let (_, diagnostics, root) = loadDataset([
            "indicators.csv": catalogue,
            "extracts/2017-09.csv": "indicator,value\nre_referral_rate,18.5\n",
        ])
        #expect(located(diagnostics, root: root) == ["extracts/2017-09.csv:2:1: error: no authority for this row"])
    }

    @Test func targetsAndBenchmarksAreChecked() throws {
        let (dataset, diagnostics, root) = loadDataset([
            "dashboard.json": #"{"authority": "E10000018"}"#,
            "indicators.csv": catalogue,
            "extracts/2017-09.csv": "indicator,value\nre_referral_rate,18.5\n",
            "targets.csv":
                "indicator,due,target,low,high,label\nre_referral_rate,2017/18,15,,,Target March 2018\ncaseload,2018-03,,18,20,\ncaseload,2018-03,,20,18,\nre_referral_rate,2017/18 Q2,15,,,\n",
            "benchmarks.csv":
                "indicator,period,comparator,value\nre_referral_rate,2016/17,england,21.9\nre_referral_rate,2016/17,englnd,21.9\nre_referral_rate,2016/17,E10000031,x\n",
        ])
        #expect(dataset == nil)
        #expect(
            located(diagnostics, root: root) == [
                "benchmarks.csv:3:26: error: unknown comparator \"englnd\"",
                "targets.csv:4:19: error: the band's low (20) is above its high (18)",
                "targets.csv:5:18: error: a target is due by a month or a financial year, found \"2017/18 Q2\"",
            ])
    }

    /// Files are read on several threads at once; what comes out must be what one thread reads, file
    /// after file: the latest file's figure for a month wins, revisions in file order, every report in place.
    @Test func readingFilesInParallelGivesWhatReadingThemInOrderGives() throws {
        var files = ["dashboard.json": #"{"authority": "E10000018"}"#, "indicators.csv": catalogue]
        let months = (1...36).map { Month(year: 2015, month: 1).adding(months: $0 - 1) }
        for (m, month) in months.enumerated() {
            var text = "indicator,period,breakdown,value\n"
            // Each file restates the two months before it, so a month is revised twice and the last file's figure stands.
            for back in [2, 1, 0] where m - back >= 0 {
                for team in ["", "North", "South"] {
                    text += "new_referrals,\(months[m - back]),\(team),\(100 * m + back)\n"
                }
            }
            files["extracts/\(month).csv"] = text
        }
        /// The dataset and its reports read on one thread, then on four, from the same folder.
        func load(_ files: [String: String]) -> (oneThread: (Dataset?, [String]), fourThreads: (Dataset?, [String])) {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent(
                "kpidash-test-\(UUID().uuidString)"
            ).path
            defer { try? FileManager.default.removeItem(atPath: root) }
            try! FileManager.default.createDirectory(atPath: root + "/extracts", withIntermediateDirectories: true)
            for (name, text) in files { try! Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + name)) }
            func read(workers: Int) -> (Dataset?, [String]) {
                switch DatasetLoader.load(directory: root, options: LoadOptions(workers: workers)) {
                case .success(let dataset): return (dataset, located(dataset.warnings, root: root))
                case .failure(let error): return (nil, located(error.diagnostics, root: root))
                }
            }
            return (read(workers: 1), read(workers: 4))
        }
        let ((inOrder, _), (parallel, reports)) = load(files)
        let dataset = try #require(parallel)
        #expect(reports.isEmpty)
        #expect(dataset.observations == inOrder?.observations)
        #expect(dataset.revisions == inOrder?.revisions)
        #expect(dataset.observations.count == 36 * 3)
        // Month m's figure was last given by the file of month m + 2 (or the last file), as 100 × file + months back.
        for observation in dataset.observations {
            let m = months.firstIndex(of: observation.month)!
            let last = min(m + 2, 35)
            #expect(observation.value == Double(100 * last + last - m))
            #expect(observation.source.file.hasSuffix("/\(months[last]).csv"))
        }
        #expect(dataset.revisions.count == (34 * 2 + 1) * 3)
        #expect(dataset.revisions.map(\.later.source.file) == dataset.revisions.map(\.later.source.file).sorted())

        // Problems in several files: the same reports, in the same order, from one thread or four.
        files["extracts/2015-03.csv"]! += "new_referrals,2015-03,,-5\n"
        files["extracts/2016-07.csv"]! += "new_referrals,2016-07,North,7\nunknown_one,2016-07,,1\n"
        files["extracts/2017-12.csv"] = "indicator,value\n"
        let ((_, oneThread), (failed, fourThreads)) = load(files)
        #expect(failed == nil)
        #expect(fourThreads == oneThread)
        #expect(
            fourThreads == [
                "extracts/2015-03.csv:11:24: error: a count cannot be negative, found -5",
                "extracts/2016-07.csv:11:1: error: new_referrals for E10000018, 2016-07, North is given twice in this file (first on line 9)",
                "extracts/2016-07.csv:12:1: error: unknown indicator \"unknown_one\"",
                "extracts/2017-12.csv:1:1: warning: this extract has no rows",
            ])
    }
}

let nanMessage = ValueParserMessages.message(for: "nan")
let infMessage = ValueParserMessages.message(for: "inf")

/// The value parser's own words for a rejected value, so these tests pin the location, not the wording twice.
enum ValueParserMessages {
    static func message(for text: String) -> String {
        if case .invalid(let message, _) = ValueParser.parse(text) { return message }
        return "(accepted)"
    }
}

@Suite struct TenMistakesTests {
    /// A dataset with ten different mistakes reports all ten, each once, with its location.
    @Test func reportsAllTen() {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/ten-mistakes"
        ).path
        guard case .failure(let failure) = DatasetLoader.load(directory: root) else {
            Issue.record("the dataset loaded")
            return
        }
        let errors = failure.diagnostics.filter { $0.severity == .error }
        #expect(
            located(errors, root: root) == [
                "benchmarks.csv:2:26: error: unknown comparator \"statistical_neighbors\"",
                "dashboard.json:2:3: error: unknown setting \"titel\"",
                "extracts/2017-08.csv:2:26: error: a percentage must be from 0 to 100, found 119.1",
                "extracts/2017-08.csv:3:30: error: the numerator (400) is above the denominator (390)",
                "extracts/2017-08.csv:4:18: error: \(PeriodParserMessages.message(for: "2017-13"))",
                "extracts/2017-09.csv:2:18: error: \(nanMessage)",
                "extracts/2017-09.csv:3:1: error: this row has 5 fields but the header has 4",
                "indicators.csv:4:82: error: unknown unit \"percentage\"",
                "indicators.csv:5:1: error: indicator id \"Care-Leavers-EET\" may use only a-z, 0-9 and _",
                "targets.csv:3:1: error: unknown indicator \"re_referrals\"",
            ])
    }
}

enum PeriodParserMessages {
    static func message(for text: String) -> String {
        if case .failure(let error) = PeriodParser.parseMonth(text) { return error.message }
        return "(accepted)"
    }
}
