import KPIModel

/// The attachment: one row per authority and indicator with the figures the email reports, for
/// board members who want them in a spreadsheet. Judgements use `data/summary.json`'s words;
/// cells are escaped as the site's downloads are.
enum BoardFiguresCSV {
    static let columns = [
        "authority", "indicator", "name", "area", "period", "value", "status",
        "target", "target_low", "target_high", "target_judgement",
        "previous_period", "previous_value", "previous_judgement",
        "statistical_neighbours_period", "statistical_neighbours_value",
        "england_period", "england_value",
        "spc_signal", "exception", "new_this_month", "link",
    ]

    static func render(_ model: BoardEmailModel) -> [UInt8] {
        var out = columns.joined(separator: ",") + "\r\n"
        for authority in model.authorities {
            for item in authority.indicators {
                let analysis = item.analysis
                let decimals = max(analysis.indicator.decimals, 1) + 2
                func number(_ value: Double?) -> String {
                    value.map { NumberFormat.compact($0, decimals: decimals) } ?? ""
                }
                let target = analysis.target?.target
                let cells = [
                    authority.authority.code, analysis.indicator.id, analysis.indicator.name, analysis.indicator.area,
                    analysis.period?.description ?? "", number(analysis.value), analysis.status.rawValue,
                    number(target?.value), number(target?.low), number(target?.high),
                    analysis.target?.judgement?.rawValue ?? "",
                    analysis.previous?.period.label ?? "", number(analysis.previous?.value),
                    analysis.previous?.judgement?.rawValue ?? "",
                    analysis.statisticalNeighbours?.period.label ?? "", number(analysis.statisticalNeighbours?.value),
                    analysis.england?.period.label ?? "", number(analysis.england?.value),
                    analysis.spc?.signal.rawValue ?? "",
                    item.reasons.map(\.csvName).joined(separator: ";"),
                    item.newReasons.map(\.csvName).joined(separator: ";"),
                    item.link ?? "",
                ]
                out += cells.map(SeriesCSV.cell).joined(separator: ",") + "\r\n"
            }
        }
        return Array(out.utf8)
    }
}

extension ExceptionReason {
    var csvName: String {
        switch self {
        case .missedTarget: "missed_target"
        case .specialCauseConcern: "special_cause_concern"
        }
    }
}
