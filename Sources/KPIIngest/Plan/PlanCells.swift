import KPIModel

/// Typed reads of the plan's own cells, each reporting a located problem when the cell is wrong.
extension CSVRecord {
    static let ratingHint =
        "use green, amber, red, yellow or blue, or their initials G, A, R, Y and B; separate several ratings with spaces"

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
        problems.append(
            diagnostic(
                field: column, .error, "unknown status \(ByteText.quoted(text))",
                hint:
                    "use one of: \(words); or as the papers write them: Not started, In Progress, On task, Delayed/Stalled, Completed, Signed off by the Improvement Board"
            ))
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

    /// Free text that may run over several lines, trimmed, with line ends made `\n`; nil when blank
    /// or absent. Byte by byte: a national plan has a quarter of a million of these cells.
    func paragraphs(_ column: Int?) -> String? {
        guard let column, !isBlank(column) else { return nil }
        return withBytes(column) { bytes in
            let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
            var lo = 0
            var hi = bytes.count
            while lo < hi && isSpace(bytes[lo]) { lo += 1 }
            while hi > lo && isSpace(bytes[hi - 1]) { hi -= 1 }
            var text: [UInt8] = []
            text.reserveCapacity(hi - lo)
            var i = lo
            while i < hi {
                if bytes[i] == 0x0D {
                    text.append(0x0A)
                    if i + 1 < hi && bytes[i + 1] == 0x0A { i += 1 }
                } else {
                    text.append(bytes[i])
                }
                i += 1
            }
            return String(decoding: text, as: UTF8.self)
        }
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
