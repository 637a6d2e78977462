import KPIIngest
import KPIModel

/// libFuzzer target: the period parser on any text. The first byte picks the financial-year start month.
///
/// A period read is well formed, its label reads back as the same period, and a month is a month.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let startMonth = Int(data[0] % 12) + 1
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    if case .success(let period) = PeriodParser.parse(text, financialYearStartMonth: startMonth) {
        precondition(
            period.first <= period.last && (1900...2200).contains(period.first.year),
            "\(text.debugDescription) read as \(period)")
        precondition((1...12).contains(period.first.month) && (1...12).contains(period.last.month))
        precondition(
            PeriodParser.parse(period.label, financialYearStartMonth: startMonth) == .success(period),
            "\(text.debugDescription) read as \(period.label), which does not read back")
    }
    switch PeriodParser.parseMonth(text) {
    case .success(let month):
        precondition(
            PeriodParser.parse(text, financialYearStartMonth: startMonth) == .success(.month(month)),
            "\(text.debugDescription): parseMonth and parse disagree")
    case .failure(let error):
        precondition(!error.message.isEmpty)
    }
    return 0
}
