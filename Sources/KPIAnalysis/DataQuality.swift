import KPIModel

/// What a reader should know before trusting one authority's figures: skipped months, cells
/// without a trustworthy value, and figures a later extract revised. (Reading warnings belong to
/// the dataset: `DashboardAnalysis.warnings`.)
public struct DataQuality: Sendable {
    /// One per catalogue indicator, in catalogue order.
    public var indicators: [IndicatorQuality]
    /// This authority's revised figures, in file order.
    public var revisions: [Revision]

    public init(indicators: [IndicatorQuality], revisions: [Revision]) {
        self.indicators = indicators
        self.revisions = revisions
    }
}

/// A cell whose status is not `ok`: suppressed, not available, not applicable, blank or low reliability.
public struct FlaggedCell: Hashable, Sendable {
    public var month: Month
    /// Empty for the whole-service figure.
    public var breakdown: String
    public var status: ValueStatus
    public var source: RowReference

    public init(month: Month, breakdown: String, status: ValueStatus, source: RowReference) {
        self.month = month
        self.breakdown = breakdown
        self.status = status
        self.source = source
    }
}

/// Data-quality facts for one indicator, all on or before asOf, like everything else reported.
public struct IndicatorQuality: Sendable {
    public var indicator: String
    /// Months between the first and last whole-service rows that have no whole-service row.
    public var missingMonths: [Month]
    /// Whole-service and breakdown cells that are not `ok`, by month then breakdown.
    public var flaggedCells: [FlaggedCell]

    public init(indicator: String, missingMonths: [Month], flaggedCells: [FlaggedCell]) {
        self.indicator = indicator
        self.missingMonths = missingMonths
        self.flaggedCells = flaggedCells
    }

    /// Read from the analysed series, whose points already carry each row's status and source.
    init(_ analysis: IndicatorAnalysis) {
        let named = [("", analysis.series)] + analysis.breakdowns.map { ($0.name, $0.points) }
        let flagged = named.flatMap { breakdown, points in
            points.compactMap { point in
                point.source.flatMap {
                    point.status == .ok
                        ? nil
                        : FlaggedCell(month: point.month, breakdown: breakdown, status: point.status, source: $0)
                }
            }
        }
        self.init(
            indicator: analysis.indicator.id,
            missingMonths: analysis.series.filter { $0.source == nil }.map(\.month),
            flaggedCells: flagged.sorted { ($0.month, $0.breakdown) < ($1.month, $1.breakdown) })
    }

    /// How many flagged cells have `status`.
    public func count(_ status: ValueStatus) -> Int { flaggedCells.lazy.filter { $0.status == status }.count }
}
