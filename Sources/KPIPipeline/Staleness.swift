import Foundation
import KPIAnalysis
import KPIModel

/// Warns the nightly job when the extracts have stopped arriving, and stops it on figures dated in the future.
enum Staleness {
    /// How many months the newest extract may trail the current month before it is called stale:
    /// a month's figures are usually exported early the month after.
    static let allowedLagMonths = 2

    /// The newest month of monthly indicators' figures and its file (relative to `folder`), which the
    /// staleness warning is about; nil when the dataset fixes its month with `asOf`, which is never
    /// stale, or has no monthly indicator (quarterly and yearly figures come months apart by nature).
    static func newest(in dataset: Dataset, folder: String) -> BuildRecord.Newest? {
        guard dataset.settings.asOf == nil else { return nil }
        // Quarterly and yearly figures are held at their period's last month, which says nothing of
        // whether the monthly export still runs. One pass, no copy, and no lookup when every
        // indicator is monthly: a national dataset has a million rows.
        let yearlyOrQuarterly = Set(dataset.indicators.filter { $0.frequency != .month }.map(\.id))
        let rows = dataset.observations
        var newest: (month: Month, row: Int)?
        for row in rows.indices {
            let month = rows[row].month
            guard month >= newest?.month ?? month else { continue }
            guard yearlyOrQuarterly.isEmpty || !yearlyOrQuarterly.contains(rows[row].indicator) else { continue }
            newest = (month, row)
        }
        guard let newest else { return nil }
        let file = rows[newest.row].source.file
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return BuildRecord.Newest(
            month: newest.month, file: file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file)
    }

    static func warning(for newest: BuildRecord.Newest?, folder: String, today: Date) -> Diagnostic? {
        guard let newest else { return nil }
        let current = month(of: today)
        let lag = current.index - newest.month.index
        guard lag > allowedLagMonths else { return nil }
        let file =
            newest.file.hasPrefix("/") ? newest.file : (folder.hasSuffix("/") ? folder : folder + "/") + newest.file
        return Diagnostic(
            file: file, severity: .warning,
            message: "the newest figures are for \(newest.month.longName), \(lag) months before \(current.longName)",
            hint:
                "check that the monthly export is still running, or set asOf in dashboard.json for a historical dataset"
        )
    }

    /// Figures dated after the current month, one error per file at its first such row. They cannot be real,
    /// and the newest month becomes the dashboard's month: a typed 2071-09 would publish a page of blanks.
    static func futureFigures(in dataset: Dataset, today: Date) -> [Diagnostic] {
        let current = month(of: today)
        var futureByFile: [String: [Observation]] = [:]
        for observation in dataset.observations where observation.month > current {
            futureByFile[observation.source.file, default: []].append(observation)
        }
        return futureByFile.values.map { rows in
            let first = rows.min { $0.source < $1.source }!
            return Diagnostic(
                file: first.source.file, line: first.source.line,
                message: "a figure for \(first.month.longName), after the current month (\(current.longName))"
                    + (rows.count > 1 ? "; \(rows.count - 1) more in this file" : ""),
                hint: "check the period, or the file name, for a typing mistake")
        }.sorted(by: Diagnostic.ordered)
    }

    static func month(of date: Date) -> Month {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: date)
        return Month(year: parts.year!, month: parts.month!)
    }
}
