import KPIIngest
import KPIModel

/// libFuzzer target: the CSV reader on any bytes. The first byte picks the encoding; the rest is the file.
///
/// Beyond not crashing or hanging, every record and every problem must be placed on a line and column
/// that exist, and records must come in line order.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let encoding: TextEncoding = data[0] & 1 == 0 ? .utf8 : .windows1252
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let lineCount =
        1
        + bytes.indices.filter {
            bytes[$0] == 0x0A || (bytes[$0] == 0x0D && ($0 + 1 == bytes.count || bytes[$0 + 1] != 0x0A))
        }.count
    var previousLine = 0
    let problems = CSVReader(path: "f.csv", bytes: bytes, encoding: encoding).read { record in
        precondition(record.count >= 1, "a record with no field")
        precondition(
            record.line > previousLine && record.line <= lineCount,
            "record on line \(record.line) after \(previousLine), of \(lineCount)")
        previousLine = record.line
        // Locating a field walks its record from the start, so long records are probed at both ends only.
        let probed =
            record.count <= 16 ? Array(0..<record.count) : Array(0..<8) + Array(record.count - 8..<record.count)
        for i in probed {
            let (line, column) = record.location(i)
            precondition(
                line >= record.line && line <= lineCount && column >= 1, "field \(i) placed at \(line):\(column)")
            precondition(record.trimmedText(i).unicodeScalars.count <= record.text(i).unicodeScalars.count)
            _ = record.withBytes(i) { ValueParser.parse($0) }
            _ = record.diagnostic(field: i, "probe").rendered
        }
    }
    for problem in problems {
        precondition(
            problem.line >= 1 && problem.line <= lineCount + 1 && problem.column >= 1,
            "problem placed at \(problem.line):\(problem.column): \(problem.message)")
        _ = problem.rendered
    }
    return 0
}
