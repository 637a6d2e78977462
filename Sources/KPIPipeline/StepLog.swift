import Foundation

/// One line per step of a long command, with its time, for the nightly job's log:
/// `kpidash build: render 0.412s (1,204 files, 38.2 MB)`. The last line gives the total and peak memory.
struct StepLog {
    let command: String
    let console: Console
    let start = DispatchTime.now()

    func step<T, E: Error>(_ name: String, _ body: () throws(E) -> T, detail: (T) -> String) throws(E) -> T {
        let started = DispatchTime.now()
        let result = try body()
        console.err("kpidash \(command): \(name) \(seconds(since: started)) (\(detail(result)))")
        return result
    }

    func finish() {
        console.err("kpidash \(command): done \(seconds(since: start)) (peak memory \(megabytes(peakResidentBytes())))")
    }

    private func seconds(since: DispatchTime) -> String {
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - since.uptimeNanoseconds) / 1e9
        return String(format: "%.3fs", elapsed)
    }
}

func megabytes(_ bytes: Int) -> String {
    String(format: "%.1f MB", Double(bytes) / 1_000_000)
}

/// The process's peak resident memory, as the kernel counts it.
func peakResidentBytes() -> Int {
    var usage = rusage()
    #if os(Linux)
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024
    #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss
    #endif
}
