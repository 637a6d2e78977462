import Foundation
import KPIModel
import KPIAnalysis

/// What one build published, kept in the site as `.kpidash-build`, so the next build can skip
/// work when its inputs are unchanged and can say what changed since.
public struct BuildRecord: Equatable, Sendable {
    /// Everything a reader needs to tell "was it the same?" about one indicator.
    public struct Entry: Equatable, Sendable {
        var period: String
        var judgement: String
        var signal: String
        /// A digest of the series up to `period`, to spot months revised since.
        var seriesDigest: String
    }

    /// A digest of every input: dataset, templates, options, kpidash's version.
    public var fingerprint: String
    /// Keyed `authority/indicator`.
    var entries: [String: Entry]

    public static let fileName = ".kpidash-build"
    static let header = "kpidash-build 1"

    init(fingerprint: String, analysis: DashboardAnalysis) {
        self.fingerprint = fingerprint
        var entries: [String: Entry] = [:]
        for authority in analysis.authorities {
            for item in authority.indicators {
                entries[authority.code + "/" + item.indicator.id] = Entry(
                    period: item.period?.description ?? "-",
                    judgement: item.target?.judgement?.rawValue ?? "-",
                    signal: item.spc?.signal.rawValue ?? "-",
                    seriesDigest: Self.digest(item.series, through: item.period))
            }
        }
        self.entries = entries
    }

    /// Reads a record written by `text`; nil for anything else, so a damaged record only costs a full build.
    public init?(parsing text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2, lines[0] == Self.header, lines[1].hasPrefix("fingerprint ") else { return nil }
        fingerprint = String(lines[1].dropFirst("fingerprint ".count))
        var entries: [String: Entry] = [:]
        for line in lines.dropFirst(2) where !line.isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 6 else { return nil }
            entries[fields[0] + "/" + fields[1]] = Entry(period: fields[2], judgement: fields[3], signal: fields[4], seriesDigest: fields[5])
        }
        self.entries = entries
    }

    var text: String {
        var out = Self.header + "\nfingerprint " + fingerprint + "\n"
        for key in entries.keys.sorted() {
            let entry = entries[key]!
            let slash = key.firstIndex(of: "/")!
            out += "\(key[..<slash])\t\(key[key.index(after: slash)...])\t\(entry.period)\t\(entry.judgement)\t\(entry.signal)\t\(entry.seriesDigest)\n"
        }
        return out
    }

    /// What changed for one indicator since `previous`, in words; empty when nothing did.
    func changes(since previous: BuildRecord, key: String, series: [SeriesPoint]) -> [String] {
        guard let now = entries[key] else { return [] }
        guard let before = previous.entries[key] else { return ["New indicator"] }
        var changes: [String] = []
        if now.period != before.period, now.period != "-" {
            changes.append("New figure for \(now.period)")
        }
        if before.period != "-", let month = Self.month(before.period),
           Self.digest(series, through: month) != before.seriesDigest {
            changes.append("Figures up to \(before.period) revised")
        }
        if now.judgement == "missed" && before.judgement != "missed" {
            changes.append("Target now missed" + (before.judgement == "-" ? "" : " (was \(before.judgement))"))
        } else if now.judgement != before.judgement && now.judgement != "-" {
            changes.append("Target now \(now.judgement) (was \(before.judgement == "-" ? "not judged" : before.judgement))")
        }
        if now.signal != before.signal && now.signal.hasPrefix("special_cause") {
            changes.append("New SPC signal: " + now.signal.replacingOccurrences(of: "_", with: " "))
        }
        return changes
    }

    private static func month(_ text: String) -> Month? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else { return nil }
        return Month(year: year, month: month)
    }

    /// FNV-1a over the series' months, statuses and values at full precision, up to `through`.
    static func digest(_ series: [SeriesPoint], through last: Month?) -> String {
        guard let last else { return "-" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ value: UInt64) {
            hash = (hash ^ value) &* 0x0000_0100_0000_01b3
        }
        for point in series where point.month <= last {
            mix(UInt64(bitPattern: Int64(point.month.index)))
            mix(UInt64(point.status.rawValue.utf8.count))
            mix(point.value?.bitPattern ?? 0x7ff8_dead_beef_0001)
            mix(point.numerator?.bitPattern ?? 1)
            mix(point.denominator?.bitPattern ?? 2)
        }
        return String(hash, radix: 16)
    }
}
