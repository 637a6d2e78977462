import Foundation
import KPIModel
import Toolkit

/// Each authority's improvement plan, so the national build carries one: 8 recommendations with 4
/// actions each (40 items), and every action updated in each of the last 24 months. Recommendations
/// have no rating of their own, so each build derives them; due dates use the plan date forms.
extension NationalDataset {
    static let recommendations = 8
    static let actionsPerRecommendation = 4
    static let updateMonths = 24
    static let themes = [
        "Leadership, Management and Governance", "Embedding Excellent Practice",
        "The Right Action at the Right Time", "Policy and Performance",
    ]

    func writePlanItems(_ path: String) throws -> WrittenFile {
        let header = ["ref", "parent", "title", "theme", "lead", "start", "due", "indicators", "authority"]
        var file = try CSVFile(path: path, header: header, lineEnd: .crlf)
        for (a, authority) in authorities.enumerated() {
            var random = SplitMix64(seed: options.seed, stream: "plan", authority.code)
            for r in 1...Self.recommendations {
                let linked = (0..<2).map { indicators[(a + r * 7 + $0 * 3) % indicators.count].id }
                fields(
                    &file,
                    [
                        "R\(r)", "", "Improve practice in area \(r) so that children are safeguarded without delay",
                        Self.themes[r % Self.themes.count], "Head of Service \(r)", "",
                        Self.planDate(r, options.lastMonth),
                        linked.joined(separator: " "), authority.code,
                    ])
                try file.endRow()
                for k in 1...Self.actionsPerRecommendation {
                    let start = options.lastMonth.adding(months: -Int(random.uniform(6, 30)))
                    let due = options.lastMonth.adding(months: Int(random.uniform(-6, 10)))
                    fields(
                        &file,
                        [
                            "R\(r).\(k)", "R\(r)", "Action \(k) for recommendation \(r)", "", "Service Manager \(k)",
                            Self.monthYear(start), Self.monthYear(due), "", authority.code,
                        ])
                    try file.endRow()
                }
            }
        }
        return try finish(&file, "plan/items.csv")
    }

    func writePlanUpdates(_ path: String) throws -> WrittenFile {
        let header = ["ref", "period", "rating", "status", "impact", "due", "evidence", "next", "author", "authority"]
        var file = try CSVFile(path: path, header: header, lineEnd: .crlf)
        let words = ["Red", "Amber", "Green", "Blue"]
        let first = max(0, months.count - Self.updateMonths)
        for authority in authorities {
            var random = SplitMix64(seed: options.seed, stream: "plan updates", authority.code)
            for r in 1...Self.recommendations {
                for k in 1...Self.actionsPerRecommendation {
                    var level = Int(random.uniform(0, 3))
                    for month in months[first...] {
                        level = min(3, max(0, level + (random.chance(0.2) ? (random.chance(0.6) ? 1 : -1) : 0)))
                        let rating = random.chance(0.1) ? words[level] + " Yellow" : words[level]
                        let status = level == 3 ? "Completed" : level == 0 ? "Delayed/Stalled" : "On task"
                        let revised =
                            random.chance(0.03) ? Self.monthYear(month.adding(months: Int(random.uniform(3, 12)))) : ""
                        fields(
                            &file,
                            [
                                "R\(r).\(k)", month.description, rating, status, random.chance(0.3) ? words[level] : "",
                                revised,
                                "Progress on action \(k) recorded for \(month.longName).\n\nAudits and figures reviewed at the monthly meeting.",
                                "Continue, and report to the board next month", "Service Manager \(k)", authority.code,
                            ])
                        try file.endRow()
                    }
                }
            }
        }
        return try finish(&file, "plan/updates.csv")
    }

    private func fields(_ file: inout CSVFile, _ values: [String]) {
        for value in values { file.field(value) }
    }

    /// `Mar-25`, as the papers write months.
    static func monthYear(_ month: Month) -> String {
        let year = month.year % 100
        return Month.names[month.month - 1].prefix(3) + "-" + (year < 10 ? "0" : "") + String(year)
    }

    /// A recommendation's due date in one of the papers' forms, by its number.
    static func planDate(_ r: Int, _ last: Month) -> String {
        let later = last.adding(months: r * 2)
        switch r % 4 {
        case 0: return "ongoing"
        case 1: return "End \(later.year)"
        case 2: return "(\(Month.names[later.month - 1]) \(later.year % 100 < 10 ? "0" : "")\(later.year % 100))"
        default: return Period.financialYear(containing: later).label
        }
    }
}
