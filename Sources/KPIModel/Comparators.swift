/// Who a benchmark value belongs to.
public enum Comparator: Hashable, Sendable, Comparable {
    case statisticalNeighbours
    case england
    case region
    /// A single authority's own value, by code.
    case authority(String)

    /// The contract's spelling in `benchmarks.csv`.
    public var code: String {
        switch self {
        case .statisticalNeighbours: "statistical_neighbours"
        case .england: "england"
        case .region: "region"
        case .authority(let code): code
        }
    }
}

/// A comparator value for a period, usually a financial year.
public struct Benchmark: Hashable, Sendable {
    public var indicator: String
    public var period: Period
    public var comparator: Comparator
    public var value: Double?
    public var status: ValueStatus
    /// For statistical-neighbour and region rows: the authority compared with; nil for every authority.
    public var authority: String?
    public var source: RowReference

    public init(
        indicator: String, period: Period, comparator: Comparator, value: Double?,
        status: ValueStatus, authority: String? = nil, source: RowReference
    ) {
        self.indicator = indicator
        self.period = period
        self.comparator = comparator
        self.value = value
        self.status = status
        self.authority = authority
        self.source = source
    }
}

/// One member of an authority's statistical-neighbour group.
public struct NeighbourLink: Hashable, Sendable {
    public var authority: String
    public var neighbour: String
    /// 1 is the closest.
    public var rank: Int
    public var closeness: Double?

    public init(authority: String, neighbour: String, rank: Int, closeness: Double? = nil) {
        self.authority = authority
        self.neighbour = neighbour
        self.rank = rank
        self.closeness = closeness
    }
}

/// A local authority.
public struct Authority: Hashable, Sendable {
    public var code: String
    public var name: String
    public var region: String?

    public init(code: String, name: String, region: String? = nil) {
        self.code = code
        self.name = name
        self.region = region
    }
}

/// A RAG rating recorded by people (a board, a lead officer): kept beside the computed one, never replacing it.
public enum RecordedRAG: String, Sendable, CaseIterable {
    case red, amber, green
}

/// Narrative for an indicator and period. Plain text; blank lines separate paragraphs.
public struct Commentary: Hashable, Sendable {
    public var indicator: String
    public var period: Period
    public var text: String
    public var authority: String?
    public var author: String?
    /// Extension: the board's own RAG rating for this indicator and period.
    public var recordedRAG: RecordedRAG?

    public init(
        indicator: String, period: Period, text: String, authority: String? = nil,
        author: String? = nil, recordedRAG: RecordedRAG? = nil
    ) {
        self.indicator = indicator
        self.period = period
        self.text = text
        self.authority = authority
        self.author = author
        self.recordedRAG = recordedRAG
    }

    /// Paragraphs, split on blank lines.
    public var paragraphs: [String] {
        var result: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                if !current.isEmpty { result.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { result.append(current.joined(separator: "\n")) }
        return result
    }
}
