import Foundation
import KPIModel
import Testing

@testable import KPIIngest

/// Real rows of DfE's files (children in need referrals, c1; social work workforce, csww), exactly as published.
enum DfERows {
    static let c1Header =
        "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,category,referral_count,rereferral_count,rereferral_percent,no_further_action_count,no_further_action_percent,not_in_need_count,not_in_need_percent,referral_child_count,rereferral_child_count,rereferral_child_percent"
    static let c1England2025 =
        "2025,Reporting year,National,E92000001,England,,,,,,Referrals and Re-referrals,632830,142900,22.6,41340,6.5,194620,30.8,557810,116950,21"
    static let c1InnerLondon2025 =
        "2025,Reporting year,Regional,E92000001,England,E13000001,Inner London,,,,Referrals and Re-referrals,38810,7420,19.1,3250,8.4,11510,29.6,34970,6350,18.2"
    static let c1London2025 =
        "2025,Reporting year,Regional,E92000001,England,E12000007,London,,,,Referrals and Re-referrals,105790,20520,19.4,8410,7.9,31080,29.4,95240,17370,18.2"
    static let c1Somerset2013 =
        "2013,Reporting year,Local authority,E92000001,England,E12000009,South West,933,E10000027,Somerset,Referrals and Re-referrals,6170,1562,25.3,484,7.8,606,9.8,5363,1293,24.1"
    static let c1Somerset2025 =
        "2025,Reporting year,Local authority,E92000001,England,E12000009,South West,933,E06000066,Somerset,Referrals and Re-referrals,5877,1300,22.1,1214,20.7,2013,34.3,5263,1124,21.4"
    static let c1Camden2025 =
        "2025,Reporting year,Local authority,E92000001,England,E13000001,Inner London,202,E09000007,Camden,Referrals and Re-referrals,2086,381,18.3,77,3.7,601,28.8,1909,333,17.4"
    static let csswHeader =
        "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,inpost_fte,inpost_headcount,starters_fte,starters_headcount,leavers_fte,leavers_headcount,turnover_rate_fte,turnover_rate_headcount,agency_fte,agency_headcount,agency_rate_fte,agency_rate_headcount,agency_cover_fte,agency_cover_rate_fte,vacancy_fte,vacancy_rate_fte,vacancy_agency_cover_rate_fte,case_holders_fte,cases,caseload_fte,working_days_lost_fte,absence_rate_fte"
    static let csswSunderland2025 =
        "2025,Reporting year,Local authority,E92000001,England,E12000001,North East,394,E08000024,Sunderland,229.5,239,19.8,20,27.1,28,11.8,11.7,low,1,low,0.4,low,100,12,5,0.2,134.2,2297,17.1,2236,3.9"
    static let csswRedcar2025 =
        "2025,Reporting year,Local authority,E92000001,England,E12000001,North East,807,E06000003,Redcar and Cleveland,124.3,129,22.8,23,23.4,26,18.9,20.2,21,21,14.5,14,21,100,30.3,19.6,69.4,79.8,1397,17.5,559.8,1.8"
    static let csswJoint2025 =
        "2025,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,940 / 941,E06000061 / E06000062,North Northamptonshire / West Northamptonshire,421.5,439,92.8,95,43.9,45,10.4,10.3,101.8,102,19.5,18.9,101.8,100,147,25.9,69.3,305.5,4514,14.8,3516,3.3"

    static func file(_ header: String, _ rows: String...) -> String { ([header] + rows).joined(separator: "\n") + "\n" }
}

@Suite struct PublishedReaderTests {
    let indicators = """
        id,name,area,unit,polarity,frequency
        re_referral_rate,Re-referrals within 12 months,First Response,percent,lower,year
        agency_rate,Agency social workers,Workforce,percent,lower,year

        """
    let authorities =
        "code,name,region\nE06000066,Somerset,South West\nE09000007,Camden,Inner London\nE09000001,City of London,London\n"
    let c1Line =
        "indicator,file,column,numerator,denominator,filter,as_at\nre_referral_rate,c1.csv,rereferral_percent,rereferral_count,referral_count,,March\n"

    func load(_ files: [String: String]) -> (dataset: Dataset?, messages: [String]) {
        var all = [
            "dashboard.json": #"{"authority": "E06000066"}"#, "indicators.csv": indicators,
            "authorities.csv": authorities,
        ]
        all.merge(files) { _, new in new }
        let (dataset, diagnostics, root) = loadDataset(all)
        return (dataset, located(diagnostics, root: root))
    }

    @Test func aFourDigitPeriodWithoutAsAtIsRefusedOnceWithItsLocation() {
        let (dataset, messages) = load([
            "published.csv": "indicator,file,column\nre_referral_rate,c1.csv,rereferral_percent\n",
            "published/c1.csv": DfERows.file(DfERows.c1Header, DfERows.c1England2025, DfERows.c1Somerset2025),
        ])
        #expect(dataset == nil)
        #expect(
            messages == [
                "published/c1.csv:2:1: error: time_period \"2025\" is a year, and published.csv line 2 gives no as_at to say which month it stands at"
            ])
        let (_, diagnostics, _) = loadDataset([
            "dashboard.json": #"{"authority": "E06000066"}"#, "indicators.csv": indicators,
            "published.csv": "indicator,file,column\nre_referral_rate,c1.csv,rereferral_percent\n",
            "published/c1.csv": DfERows.file(DfERows.c1Header, DfERows.c1England2025),
        ])
        #expect(
            diagnostics.map(\.hint) == [
                "add as_at to that line: March if 2025 is the year to 31 March 2025 (2024/25), September if it is the workforce census at 30 September 2025"
            ])
    }

    @Test func asAtMarchMakesAFinancialYearAndSeptemberAMonth() throws {
        let (dataset, messages) = load([
            "published.csv": c1Line + "agency_rate,csww.csv,agency_rate_fte,,,,September\n",
            "published/c1.csv": DfERows.file(DfERows.c1Header, DfERows.c1Somerset2025),
            "published/csww.csv": DfERows.file(DfERows.csswHeader, DfERows.csswSunderland2025),
        ])
        #expect(messages == [])
        let benchmarks = try #require(dataset).benchmarks
        #expect(benchmarks.map(\.period.label).sorted() == ["2024/25", "2025-09"])
        // Somerset is the dataset's own authority: its yearly figure is its own, with the counts beside it, as published.
        let own = try #require(dataset?.observations.first)
        #expect(own.month == Month(year: 2025, month: 3))
        #expect(own.value == 22.1)
        #expect(own.numerator == 1300)
        #expect(own.denominator == 5877)
        #expect(own.source == RowReference(file: own.source.file, line: 2))
    }

    @Test func eesFinancialYearsNeedNoAsAt() throws {
        let row = DfERows.c1Somerset2025.replacingOccurrences(of: "2025,Reporting year", with: "202425,Financial year")
        let (dataset, messages) = load([
            "published.csv": "indicator,file,column\nre_referral_rate,c1.csv,rereferral_percent\n",
            "published/c1.csv": DfERows.file(DfERows.c1Header, row),
        ])
        #expect(messages == [])
        #expect(try #require(dataset).benchmarks.map(\.period) == [.financialYear(startYear: 2024)])
    }

    /// Somerset is E10000027 in 2012/13 and E06000066 in 2024/25; DfE's number 933 makes them one series,
    /// kept under the code authorities.csv uses.
    @Test func anAuthorityKeepsItsHistoryAcrossACodeChange() throws {
        let (dataset, messages) = load([
            "published.csv": c1Line,
            "published/c1.csv": DfERows.file(DfERows.c1Header, DfERows.c1Somerset2013, DfERows.c1Somerset2025),
        ])
        #expect(messages == [])
        let rows = try #require(dataset).benchmarks
        #expect(rows.map(\.comparator) == [.authority("E06000066"), .authority("E06000066")])
        #expect(rows.map(\.value) == [25.3, 22.1])
        #expect(dataset?.observations.map(\.month) == [Month(year: 2013, month: 3), Month(year: 2025, month: 3)])
    }

    @Test func aJointRowIsLeftOutWithOneWarningAndLowIsKept() throws {
        let (dataset, messages) = load([
            "published.csv": "indicator,file,column,as_at\nagency_rate,csww.csv,agency_rate_fte,September\n",
            "published/csww.csv": DfERows.file(
                DfERows.csswHeader, DfERows.csswJoint2025, DfERows.csswSunderland2025, DfERows.csswJoint2025),
        ])
        #expect(
            messages == [
                "published/csww.csv:2:89: warning: E06000061 / E06000062 (North Northamptonshire / West Northamptonshire) is a joint row for authorities reporting together, so it is left out of ranks and neighbour means"
            ])
        let rows = try #require(dataset).benchmarks
        #expect(rows.count == 1)
        #expect(rows[0].comparator == .authority("E08000024"))
        #expect(rows[0].status == .low)
        #expect(rows[0].value == nil)
    }

    /// England's row is the england comparator; a region row is the region of every authority whose
    /// region names it, so Camden (Inner London) and the City (London) each get their own.
    @Test func nationalAndRegionalRows() throws {
        let (dataset, messages) = load([
            "published.csv": c1Line,
            "published/c1.csv": DfERows.file(
                DfERows.c1Header, DfERows.c1England2025, DfERows.c1InnerLondon2025, DfERows.c1London2025,
                DfERows.c1Camden2025),
        ])
        #expect(messages == [])
        let rows = try #require(dataset).benchmarks
        #expect(rows.filter { $0.comparator == .england }.map(\.value) == [22.6])
        let regions = rows.filter { $0.comparator == .region }.map { "\($0.authority!) \($0.value!)" }
        #expect(regions == ["E09000007 19.1", "E09000001 19.4"])
    }

    @Test func aRegionGivenInBenchmarksAndPublishedIsRefused() {
        let (dataset, messages) = load([
            "published.csv": c1Line,
            "published/c1.csv": DfERows.file(DfERows.c1Header, DfERows.c1InnerLondon2025),
            "benchmarks.csv":
                "indicator,period,comparator,value,authority\nre_referral_rate,2024/25,region,19.1,E09000007\n",
        ])
        #expect(dataset == nil)
        #expect(
            messages == [
                "published/c1.csv:2:1: error: re_referral_rate for the region Inner London, 2024/25 is given both here and in benchmarks.csv line 2"
            ])
    }

    @Test func otherGeographicLevelsAreCountedNotRead() {
        let district = DfERows.c1Camden2025.replacingOccurrences(
            of: "Local authority", with: "Local authority district")
        let (_, messages) = load([
            "published.csv": c1Line,
            "published/c1.csv": DfERows.file(DfERows.c1Header, district, district),
        ])
        #expect(
            messages == [
                "published.csv:2:1: warning: 2 rows of c1.csv at other geographic levels (Local authority district) are ignored"
            ])
    }

    @Test func everyMalformedMappingIsLocated() {
        let (dataset, messages) = load([
            "published.csv": """
            indicator,file,column,numerator,filter,as_at
            re_referral_rate,c2.csv,rereferral_percent,,,March
            re_referral_rate,c1.csv,rereferal_percent,referrals,,March
            re_referral_rate,c1.csv,rereferral_percent,,category,March
            re_referral_rate,c1.csv,rereferral_percent,,,Mar 2025

            """,
            "published/c1.csv": DfERows.file(DfERows.c1Header, DfERows.c1Somerset2025),
        ])
        #expect(dataset == nil)
        #expect(
            messages == [
                "published.csv:2:18: error: there is no file \"c2.csv\" in published/",
                "published.csv:3:25: error: c1.csv has no column \"rereferal_percent\"",
                "published.csv:3:43: error: c1.csv has no column \"referrals\"",
                "published.csv:4:45: error: the filter \"category\" is not column=value",
                "published.csv:5:46: error: as_at must be a month name, found \"Mar 2025\"",
            ])
    }

    @Test func aFigureGivenTwiceAcrossFilesNamesBoth() {
        let (dataset, messages) = load([
            "published.csv": c1Line + "re_referral_rate,c1b.csv,rereferral_percent,,,,March\n",
            "published/c1.csv": DfERows.file(DfERows.c1Header, DfERows.c1England2025),
            "published/c1b.csv": DfERows.file(DfERows.c1Header, DfERows.c1Somerset2013, DfERows.c1England2025),
        ])
        #expect(dataset == nil)
        #expect(
            messages == [
                "published/c1b.csv:3:1: error: re_referral_rate for england, 2024/25 is given twice: published/c1.csv line 2 and published/c1b.csv line 3"
            ])
    }

    /// Redcar and Cleveland's turnover is published as 18.9%; its rounded FTE counts (23.4 leavers of
    /// 124.3 in post) would give 18.8%. The counts are shown beside the figure, never used to remake it.
    @Test func aPublishedFigureIsKeptAsPublishedBesideItsCounts() throws {
        let (dataset, messages) = load([
            "dashboard.json": #"{"authority": "E06000003"}"#,
            "indicators.csv": "id,name,area,unit,polarity,frequency\nturnover,Turnover,Workforce,percent,lower,year\n",
            "published.csv":
                "indicator,file,column,numerator,denominator,as_at\nturnover,csww.csv,turnover_rate_fte,leavers_fte,inpost_fte,September\n",
            "published/csww.csv": DfERows.file(DfERows.csswHeader, DfERows.csswRedcar2025),
        ])
        #expect(messages == [])
        let own = try #require(dataset?.observations.first)
        #expect(own.value == 18.9)
        #expect(own.numerator == 23.4)
        #expect(own.denominator == 124.3)
        #expect(own.month == Month(year: 2025, month: 9))
    }

    @Test func dfeMarkersAndFloatNoise() {
        #expect(PublishedValue.parse("low") == .marker(.low))
        #expect(PublishedValue.parse("k") == .marker(.low))
        #expect(PublishedValue.parse(":") == .marker(.notAvailable))
        #expect(PublishedValue.parse("c") == .marker(.suppressed))
        #expect(PublishedValue.parse("19.600000000000001") == .number(ParsedNumber(value: 19.6)))
        #expect(PublishedValue.parse("0.30000000000000004") == .number(ParsedNumber(value: 0.3)))
    }
}

extension PublishedValue {
    static func parse(_ text: String) -> ParsedValue {
        var text = text
        return text.withUTF8 { parse($0) }
    }
}
