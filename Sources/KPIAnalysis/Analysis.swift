import KPIModel
import Toolkit

/// The analysis stage: pure functions from a validated `Dataset` to a `DashboardAnalysis`.
public enum Analysis {
    /// Analyses every authority with figures, in code order, `workers` authorities at a time.
    public static func analyse(_ dataset: consuming Dataset, workers: Int = 1) -> DashboardAnalysis {
        let warnings = dataset.warnings
        let context = AnalysisContext(consume dataset)
        let authorities = context.asOf.map { asOf in
            context.authorityCodes.concurrentMap(workers: workers) { context.analyseAuthority($0, asOf: asOf) }
        }
        return DashboardAnalysis(asOf: context.asOf, authorities: authorities ?? [], warnings: warnings)
    }
}

/// The dataset indexed once, shared read-only by every authority's analysis.
///
/// `analyseAuthority` depends on nothing but this value, so authorities can be analysed in
/// parallel (each call is independent and the context is `Sendable`).
public struct AnalysisContext: Sendable {
    /// `dashboard.json`'s `asOf`, else the latest month with a row; nil for a dataset with neither.
    public let asOf: Month?
    /// Authorities with at least one row, sorted by code.
    public let authorityCodes: [String]
    let indicators: [Indicator]
    let authorityNames: [String: String]
    let financialYearStartMonth: Int
    let index: DatasetIndex

    public init(_ dataset: Dataset) {
        index = DatasetIndex(dataset)
        asOf = dataset.settings.asOf ?? dataset.observations.lazy.map(\.month).max()
        authorityCodes = index.observations.keys.sorted()
        indicators = dataset.indicators
        authorityNames = Dictionary(
            dataset.authorities.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        financialYearStartMonth = dataset.settings.financialYearStartMonth
    }

    /// One authority's dashboard: every catalogue indicator in catalogue order, and its data quality.
    public func analyseAuthority(_ code: String, asOf: Month) -> AuthorityAnalysis {
        let rows = index.observations[code] ?? [:]
        let indicatorAnalyses = indicators.map { indicator in
            IndicatorAnalyser(
                context: self, authority: code, indicator: indicator, asOf: asOf,
                rows: rows[indicator.id] ?? IndicatorRows(sharing: [])
            ).analyse()
        }
        let quality = DataQuality(
            indicators: indicatorAnalyses.map(IndicatorQuality.init), revisions: index.revisions[code] ?? [])
        return AuthorityAnalysis(
            code: code, name: authorityNames[code] ?? code, indicators: indicatorAnalyses, quality: quality)
    }
}
