import KPIAnalysis
import KPIModel

/// The build record as the file `.kpidash-build` in the published site: a header, the
/// fingerprint, the newest month, then a tab-separated line per indicator.
extension BuildRecord {
    public static let fileName = ".kpidash-build"
    static let header = "kpidash-build 2"

    /// Reads a record `text` wrote; nil for anything else, so a damaged or older record only
    /// costs a full build.
    init?(parsing text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3, lines[0] == Self.header, lines[1].hasPrefix("fingerprint "),
            lines[2].hasPrefix("newest ")
        else {
            return nil
        }
        var newest: Newest?
        let newestFields = lines[2].dropFirst("newest ".count).split(separator: "\t", maxSplits: 1)
        if newestFields != ["-"] {
            guard newestFields.count == 2, let month = Self.month(newestFields[0]) else { return nil }
            newest = Newest(month: month, file: String(newestFields[1]))
        }
        var entries: [String: Entry] = [:]
        for line in lines.dropFirst(3) where !line.isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 6 else { return nil }
            let period = Self.month(fields[2])
            let judgement = TargetJudgement(rawValue: String(fields[3]))
            let signal = SPCSignal(rawValue: String(fields[4]))
            guard period != nil || fields[2] == "-", judgement != nil || fields[3] == "-",
                signal != nil || fields[4] == "-"
            else {
                return nil
            }
            entries[fields[0] + "/" + fields[1]] = Entry(
                period: period, judgement: judgement, signal: signal, seriesDigest: String(fields[5]))
        }
        self.init(fingerprint: String(lines[1].dropFirst("fingerprint ".count)), newest: newest, entries: entries)
    }

    var text: String {
        var out = Self.header + "\nfingerprint " + fingerprint + "\nnewest "
        out += newest.map { "\($0.month)\t\($0.file)" } ?? "-"
        out += "\n"
        for key in entries.keys.sorted() {
            let entry = entries[key]!
            let slash = key.firstIndex(of: "/")!
            let fields = [
                String(key[..<slash]), String(key[key.index(after: slash)...]), entry.period?.description ?? "-",
                entry.judgement?.rawValue ?? "-", entry.signal?.rawValue ?? "-", entry.seriesDigest,
            ]
            out += fields.joined(separator: "\t") + "\n"
        }
        return out
    }

    private static func month(_ text: Substring) -> Month? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else { return nil }
        return Month(year: year, month: month)
    }
}
