/// The settings of `dashboard.json`.
public struct Settings: Hashable, Sendable {
    public var title: String
    /// The authority whose dashboard this is, by code; the default for extract rows without one.
    public var authority: String?
    /// 1...12; April (4) by default, as English councils' financial years.
    public var financialYearStartMonth: Int
    /// Where the published site lives, for links in the email (`https://…/performance/`).
    public var siteURL: String?
    /// The month the dashboard reports on; by default the latest month in the extracts.
    public var asOf: Month?
    /// The publishing mode for public pages and emails: small counts suppressed.
    public var suppressSmallCounts: Bool

    public init(
        title: String = "Children's services performance", authority: String? = nil,
        financialYearStartMonth: Int = 4, siteURL: String? = nil, asOf: Month? = nil,
        suppressSmallCounts: Bool = false
    ) {
        self.suppressSmallCounts = suppressSmallCounts
        self.title = title
        self.authority = authority
        self.financialYearStartMonth = financialYearStartMonth
        self.siteURL = siteURL
        self.asOf = asOf
    }
}

/// Everything read from one dataset folder, validated: the single value the later stages work on.
public struct Dataset: Sendable {
    public var settings: Settings
    public var indicators: [Indicator]
    public var targets: [Target]
    public var observations: [Observation]
    public var benchmarks: [Benchmark]
    public var neighbours: [NeighbourLink]
    public var authorities: [Authority]
    public var commentary: [Commentary]
    /// Figures a later extract file replaced, in file order.
    public var revisions: [Revision]
    /// Warnings found while reading; a dataset with errors is never built.
    public var warnings: [Diagnostic]

    public init(
        settings: Settings = Settings(), indicators: [Indicator] = [], targets: [Target] = [],
        observations: [Observation] = [], benchmarks: [Benchmark] = [], neighbours: [NeighbourLink] = [],
        authorities: [Authority] = [], commentary: [Commentary] = [], revisions: [Revision] = [],
        warnings: [Diagnostic] = []
    ) {
        self.settings = settings
        self.indicators = indicators
        self.targets = targets
        self.observations = observations
        self.benchmarks = benchmarks
        self.neighbours = neighbours
        self.authorities = authorities
        self.commentary = commentary
        self.revisions = revisions
        self.warnings = warnings
    }
}
