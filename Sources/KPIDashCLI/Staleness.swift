import Foundation
import KPIModel

/// Warns the nightly job when the extracts have stopped arriving.
enum Staleness {
    /// How many months the newest extract may trail the current month before it is called stale:
    /// a month's figures are usually exported early the month after.
    static let allowedLagMonths = 2

    static func warning(for dataset: Dataset, folder: String, today: Date) -> Diagnostic? {
        guard dataset.settings.asOf == nil, let newest = dataset.observations.map(\.month).max() else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: today)
        let current = Month(year: parts.year!, month: parts.month!)
        let lag = current.index - newest.index
        guard lag > allowedLagMonths else { return nil }
        let file = dataset.observations.last { $0.month == newest }?.source.file ?? folder + "/extracts"
        return Diagnostic(file: file, severity: .warning,
                          message: "the newest figures are for \(newest.longName), \(lag) months before \(current.longName)",
                          hint: "check that the monthly export is still running, or set asOf in dashboard.json for a historical dataset")
    }
}
