import Foundation
import KPIModel

/// Typed reads of the plan's own cells, each reporting a located problem when the cell is wrong.
extension CSVRecord {
    static let ratingHint = "use green, amber, red, yellow or blue, or their initials G, A, R, Y and B; separate several ratings with spaces"

    /// Every rating of a cell, in the order written (`Green Yellow Yellow Green`); nil when a word is not a rating.
    func planRatings(_ column: Int, _ what: String, _ problems: inout [Diagnostic]) -> [PlanRating]? {
        var ratings: [PlanRating] = []
        for word in trimmedText(column).split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            guard let rating = PlanRating(word: String(word)) else {
                problems.append(diagnostic(field: column, .error, "unknown \(what) \"\(word)\"", hint: Self.ratingHint))
                return nil
            }
            ratings.append(rating)
        }
        return ratings
    }

    func planStatus(_ column: Int, _ problems: inout [Diagnostic]) -> PlanStatus? {
        let text = trimmedText(column)
        if let status = PlanStatus.read(text) { return status }
        let words = PlanStatus.allCases.map(\.rawValue).joined(separator: ", ")
        problems.append(diagnostic(field: column, .error, "unknown status \(ByteText.quoted(text))",
                                   hint: "use one of: \(words); or as the papers write them: Not started, In Progress, On task, Delayed/Stalled, Completed, Signed off by the Improvement Board"))
        return nil
    }

    /// A plan date (`Jan-17`, `Apr-May 2017`, `ongoing`, …).
    func planDate(_ column: Int, financialYearStartMonth: Int, _ problems: inout [Diagnostic]) -> PlanDate? {
        switch PlanDateParser.parse(trimmedText(column), financialYearStartMonth: financialYearStartMonth) {
        case .success(let date): return date
        case .failure(let error):
            problems.append(diagnostic(field: column, .error, error.message, hint: error.hint))
            return nil
        }
    }

    /// Free text that may run over several lines, with line ends made `\n`; nil when blank or absent.
    func paragraphs(_ column: Int?) -> String? {
        guard let column, !isBlank(column) else { return nil }
        return text(column).trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}

extension PlanStatus {
    /// The contract's words and the seeds' own, in any case and spacing.
    static func read(_ text: String) -> PlanStatus? {
        let key = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        if let status = PlanStatus(rawValue: key) { return status }
        return seedWords[key]
    }

    private static let seedWords: [String: PlanStatus] = [
        "not started": .notStarted, "in progress": .inProgress, "on task": .inProgress, "delayed/stalled": .delayed,
        "completed": .complete, "signed off by the improvement board": .signedOff,
    ]
}

/// A ref as the plan compares it: trimmed, without a trailing `.` (`1.` is `1`).
func planRef(_ text: String) -> String {
    var ref = text.trimmingSpaces
    if ref.hasSuffix(".") { ref = String(ref.dropLast()).trimmingSpaces }
    return ref
}
