import Foundation
import KPIIngest
import KPIModel

/// The dataset folder each input is loaded from: RAM-backed where there is one, as it is rewritten every run.
let folder: String = {
    let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : NSTemporaryDirectory()
    let folder = base + "/kpidash-fuzz-extract-\(getpid())"
    folderToRemove = folder
    try! FileManager.default.createDirectory(atPath: folder + "/extracts", withIntermediateDirectories: true)
    try! Data(
        """
        id,name,area,unit,polarity
        re_referral_rate,Re-referrals,First Response,percent,lower
        new_referrals,Referrals,First Response,count,neutral
        caseload,Caseload,Workforce,number,band

        """.utf8
    ).write(to: URL(fileURLWithPath: folder + "/indicators.csv"))
    try! Data(#"{"authority": "E10000018"}"#.utf8).write(to: URL(fileURLWithPath: folder + "/dashboard.json"))
    atexit { try? FileManager.default.removeItem(atPath: folderToRemove) }
    return folder
}()

/// The same path, for the exit handler, which cannot refer to a lazily made global.
nonisolated(unsafe) var folderToRemove = ""

/// libFuzzer target: a whole extract through the dataset loader.
///
/// Every problem names the extract (or its folder) and a line and column that exist; a loaded figure is
/// finite and within range, has a value exactly when its status says so, and is never a silent zero.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let path = folder + "/extracts/2017-09.csv"
    let bytes = UnsafeBufferPointer(start: data, count: size)
    precondition(FileManager.default.createFile(atPath: path, contents: Data(buffer: bytes)), "cannot write \(path)")
    let lines =
        1
        + bytes.indices.filter { bytes[$0] == 0x0A || (bytes[$0] == 0x0D && ($0 + 1 == size || bytes[$0 + 1] != 0x0A)) }
        .count
    switch DatasetLoader.load(directory: folder) {
    case .success(let dataset):
        for problem in dataset.warnings { check(problem, lines: lines) }
        for figure in dataset.observations {
            precondition(figure.source.file == path && figure.source.line >= 2 && figure.source.line <= lines)
            if let value = figure.value {
                precondition(value.isFinite && value.magnitude < 1e9 && figure.status.hasValue, "\(figure)")
            } else {
                precondition(figure.status != .ok, "a figure with status ok and no value: \(figure)")
            }
        }
    case .failure(let failure):
        precondition(failure.diagnostics.contains { $0.severity == .error }, "a failed load with no error")
        for problem in failure.diagnostics { check(problem, lines: lines) }
    }
    return 0
}

func check(_ problem: Diagnostic, lines: Int) {
    precondition(problem.file.hasPrefix(folder), "a problem outside the dataset: \(problem)")
    precondition(problem.line >= 1 && problem.column >= 1, "\(problem)")
    if problem.file.hasSuffix(".csv") {
        precondition(problem.line <= lines, "\(problem) is past the last line, \(lines)")
    }
}
