import KPIModel

/// The publishing mode for public pages and emails: counts of 1 to 5 children are shown as `c`,
/// as DfE suppresses them, and so is anything that would let a reader work them out.
///
/// - Primary: a figure whose numerator or denominator is 1 to 5, or a `count` figure of 1 to 5,
///   becomes `suppressed` with no value and no counts. Zero is not suppressed: it identifies no one.
/// - Secondary: within one authority, indicator and month, the whole-service figure and its
///   breakdowns add up, so a single suppressed cell could be recovered by subtraction; the
///   smallest other cell is suppressed too, until at least two are.
/// - Yearly outturns are aggregated only from twelve published months, so a suppressed month
///   never leaks through a year's total.
public enum SmallNumberSuppression {
    public static let smallest = 1.0
    public static let largest = 5.0

    public static func apply(to dataset: Dataset) -> Dataset {
        var result = dataset
        let units = Dictionary(dataset.indicators.map { ($0.id, $0.unit) }, uniquingKeysWith: { a, _ in a })
        var groups: [GroupKey: [Int]] = [:]
        for index in result.observations.indices {
            let observation = result.observations[index]
            groups[
                GroupKey(authority: observation.authority, indicator: observation.indicator, month: observation.month),
                default: []
            ].append(index)
            if isSmall(observation, unit: units[observation.indicator]) { suppress(&result.observations[index]) }
        }
        for key in groups.keys.sorted(by: {
            ($0.authority, $0.indicator, $0.month) < ($1.authority, $1.indicator, $1.month)
        }) {
            let members = groups[key]!
            // Only breakdowns beside their whole-service total can be recovered by subtraction.
            guard members.count > 1, members.contains(where: { result.observations[$0].breakdown.isEmpty }) else {
                continue
            }
            while members.filter({ result.observations[$0].status == .suppressed }).count == 1 {
                let candidates = members.filter { result.observations[$0].status.hasValue }
                guard
                    let smallest = candidates.min(by: { size(result.observations[$0]) < size(result.observations[$1]) })
                else { break }
                suppress(&result.observations[smallest])
            }
        }
        return result
    }

    private struct GroupKey: Hashable {
        var authority: String
        var indicator: String
        var month: Month
    }

    static func isSmall(_ observation: Observation, unit: IndicatorUnit?) -> Bool {
        let range = smallest...largest
        if let numerator = observation.numerator, range.contains(numerator) { return true }
        if let denominator = observation.denominator, range.contains(denominator) { return true }
        if unit == .count, let value = observation.value, range.contains(value) { return true }
        return false
    }

    /// What subtraction would recover: the count when there is one, else the value.
    private static func size(_ observation: Observation) -> Double {
        observation.numerator ?? observation.value ?? .infinity
    }

    private static func suppress(_ observation: inout Observation) {
        observation.status = .suppressed
        observation.value = nil
        observation.numerator = nil
        observation.denominator = nil
    }
}
