import KPIAnalysis
import KPIModel

/// The words plan pages, the email and the quality page use, so each says the same.
extension Wording {
    /// `Green`, `Yellow` (as the plan writes it), or `Not rated`.
    static func rating(_ rating: PlanRating?) -> String {
        rating.map { $0.rawValue.prefix(1).uppercased() + $0.rawValue.dropFirst() } ?? "Not rated"
    }

    /// Every rating of a cell, `Green Yellow Yellow Green`.
    static func ratings(_ ratings: [PlanRating]) -> String {
        ratings.isEmpty ? rating(nil) : ratings.map { rating($0) }.joined(separator: " ")
    }

    static func status(_ status: PlanStatus?) -> String {
        switch status {
        case .notStarted: "Not started"
        case .inProgress: "In progress"
        case .delayed: "Delayed"
        case .complete: "Complete"
        case .signedOff: "Signed off"
        case nil: "Not given"
        }
    }

    static func change(_ change: PlanChange?) -> String {
        switch change {
        case .improved: "Improved"
        case .worsened: "Worsened"
        case .unchanged: "No change"
        case .new: "First rating"
        case nil: "Not rated"
        }
    }

    /// The flag beside the rating it questions: `Rated green, but a linked figure is off track`.
    static func flag(_ flag: PlanFlag, rating: PlanRating?) -> String {
        switch flag {
        case .ratedGreenFiguresOffTrack: "Rated \(Self.rating(rating).lowercased()), but a linked figure is off track"
        case .ratedRedFiguresOnTrack: "Rated red, but every linked figure with a target met it"
        }
    }

    /// `Mar 2018`, `Ongoing`, or `Not given`.
    static func due(_ month: Month?, ongoing: Bool) -> String {
        month?.shortName ?? (ongoing ? "Ongoing" : "Not given")
    }

    /// Why an item needs the board's attention, in a fixed order. The email leaves out staleness,
    /// which the plan pages and the quality page report.
    static func attention(_ item: PlanItemAnalysis, includingStale: Bool = true) -> [String] {
        var reasons: [String] = []
        if item.change == .worsened { reasons.append("Worsened to \(rating(item.rating).lowercased())") }
        if item.change == .new && item.rating == .red { reasons.append("Newly rated red") }
        if item.overdue { reasons.append("Overdue: due \(due(item.due, ongoing: item.ongoing))") }
        if includingStale && item.stale {
            reasons.append("No update since " + (item.lastUpdate?.shortName ?? "it was added"))
        }
        if let flag = item.flag { reasons.append(Self.flag(flag, rating: item.rating)) }
        return reasons
    }
}
