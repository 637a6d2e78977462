import KPIModel
import Toolkit

/// What one build published, indicator by indicator, so the next build can say what changed
/// since (new figures, revised months, targets newly missed, new SPC signals) and can warn that
/// the extracts stopped arriving without reading them again.
public struct BuildRecord: Equatable, Sendable {
    /// What a reader needs to tell "was it the same?" about one indicator.
    public struct Entry: Equatable, Sendable {
        public var period: Month?
        public var judgement: TargetJudgement?
        public var signal: SPCSignal?
        /// A digest of the series up to `period`, to spot months revised since.
        public var seriesDigest: String

        public init(period: Month?, judgement: TargetJudgement?, signal: SPCSignal?, seriesDigest: String) {
            self.period = period
            self.judgement = judgement
            self.signal = signal
            self.seriesDigest = seriesDigest
        }

        init(_ item: IndicatorAnalysis) {
            self.init(
                period: item.period, judgement: item.target?.judgement, signal: item.spc?.signal,
                seriesDigest: BuildRecord.digest(item.series, through: item.period))
        }
    }

    /// The newest month of figures and the file that holds it, relative to the dataset folder.
    public struct Newest: Equatable, Sendable {
        public var month: Month
        public var file: String

        public init(month: Month, file: String) {
            self.month = month
            self.file = file
        }
    }

    /// A digest of every input: dataset, templates, options, kpidash's version.
    public var fingerprint: String
    /// Nil when the dataset fixes its month (`asOf`), which is never stale.
    public var newest: Newest?
    /// Keyed `authority/indicator`.
    public var entries: [String: Entry]

    public init(fingerprint: String, newest: Newest?, entries: [String: Entry]) {
        self.fingerprint = fingerprint
        self.newest = newest
        self.entries = entries
    }

    public init(fingerprint: String, newest: Newest?, analysis: DashboardAnalysis) {
        var entries: [String: Entry] = [:]
        for authority in analysis.authorities {
            for item in authority.indicators {
                entries[authority.code + "/" + item.indicator.id] = Entry(item)
            }
        }
        self.init(fingerprint: fingerprint, newest: newest, entries: entries)
    }

    /// What changed for one indicator since this record was made, in words; empty when nothing did.
    public func changes(to item: IndicatorAnalysis, authority: String) -> [String] {
        let now = Entry(item)
        guard let before = entries[authority + "/" + item.indicator.id] else { return ["New indicator"] }
        var changes: [String] = []
        if now.period != before.period, let period = now.period {
            changes.append("New figure for \(period)")
        }
        if let period = before.period, Self.digest(item.series, through: period) != before.seriesDigest {
            changes.append("Figures up to \(period) revised")
        }
        let was = before.judgement?.rawValue
        if now.judgement == .missed && before.judgement != .missed {
            changes.append("Target now missed" + (was.map { " (was \($0))" } ?? ""))
        } else if let judgement = now.judgement, judgement != before.judgement {
            changes.append("Target now \(judgement.rawValue) (was \(was ?? "not judged"))")
        }
        if let signal = now.signal, signal != before.signal, signal.rawValue.hasPrefix("special_cause") {
            changes.append("New SPC signal: " + signal.rawValue.split(separator: "_").joined(separator: " "))
        }
        return changes
    }

    /// FNV-1a over the series' months, statuses and values at full precision, up to `through`.
    static func digest(_ series: [SeriesPoint], through last: Month?) -> String {
        guard let last else { return "-" }
        var hash = StableHash()
        for point in series where point.month <= last {
            hash.add(word: UInt64(bitPattern: Int64(point.month.index)))
            hash.add(word: UInt64(point.status.rawValue.utf8.count))
            hash.add(word: point.value?.bitPattern ?? 0x7ff8_dead_beef_0001)
            hash.add(word: point.numerator?.bitPattern ?? 1)
            hash.add(word: point.denominator?.bitPattern ?? 2)
        }
        return String(hash.value, radix: 16)
    }
}
