import Toolkit

/// The `Date` header (RFC 5322 §3.3): an instant and the zone offset it is written in.
///
/// Written by hand rather than with `DateFormatter`, whose output follows the machine's locale.
public struct MessageDate: Hashable, Sendable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSinceEpoch: Int64
    /// The writer's offset from UTC, in minutes (`+0100` is 60).
    public var zoneMinutes: Int

    public init(secondsSinceEpoch: Int64, zoneMinutes: Int = 0) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.zoneMinutes = zoneMinutes
    }

    private static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let monthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// Reads `Tue, 3 Oct 2017 07:00:00 +0100` (the day name and the seconds are optional, as in RFC 5322).
    public init(parsing text: String) throws(EmailHeaderError) {
        let invalid = EmailHeaderError(
            message: "\"\(text)\" is not an RFC 5322 date (expected e.g. \"Tue, 03 Oct 2017 07:00:00 +0100\")")
        var words = text.split(separator: " ").map(String.init)
        if let first = words.first, first.hasSuffix(",") {
            guard Self.dayNames.contains(String(first.dropLast())) else { throw invalid }
            words.removeFirst()
        }
        guard words.count == 5,
            let day = Int(words[0]), (1...31).contains(day),
            let monthIndex = Self.monthNames.firstIndex(of: words[1]),
            words[2].count == 4, let year = Int(words[2]), year >= 1970
        else { throw invalid }
        let clock = words[3].split(separator: ":").map { Int($0) }
        guard clock.count == 2 || clock.count == 3, !clock.contains(nil),
            clock[0]! < 24, clock[1]! < 60, clock.count == 2 || clock[2]! < 61
        else { throw invalid }
        let zone = words[4]
        guard zone.count == 5, zone.first == "+" || zone.first == "-", let hhmm = Int(zone.dropFirst()), hhmm % 100 < 60
        else { throw invalid }
        let zoneMinutes = (zone.first == "-" ? -1 : 1) * (hhmm / 100 * 60 + hhmm % 100)
        let days = CivilDate.days(year: year, month: monthIndex + 1, day: day)
        guard CivilDate.date(days: days).day == day else { throw invalid }  // 31 Feb
        let localSeconds =
            Int64(days) * 86_400 + Int64(clock[0]! * 3600 + clock[1]! * 60 + (clock.count == 3 ? clock[2]! : 0))
        self.init(secondsSinceEpoch: localSeconds - Int64(zoneMinutes * 60), zoneMinutes: zoneMinutes)
    }

    /// `Tue, 03 Oct 2017 07:00:00 +0100`.
    public var headerText: String {
        let local = secondsSinceEpoch + Int64(zoneMinutes * 60)
        let days = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
        let secondOfDay = Int(local - Int64(days) * 86_400)
        let (year, month, day) = CivilDate.date(days: days)
        let weekday = Self.dayNames[((days % 7) + 7 + 3) % 7]  // 1970-01-01 was a Thursday
        let zone = abs(zoneMinutes)
        return "\(weekday), \(twoDigits(day)) \(Self.monthNames[month - 1]) \(year) "
            + "\(twoDigits(secondOfDay / 3600)):\(twoDigits(secondOfDay / 60 % 60)):\(twoDigits(secondOfDay % 60)) "
            + "\(zoneMinutes < 0 ? "-" : "+")\(twoDigits(zone / 60))\(twoDigits(zone % 60))"
    }

    private func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
