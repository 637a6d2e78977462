import Foundation

/// Keeps two builds from publishing to the same site at once.
///
/// An advisory `flock` on `.SITE.lock` beside the site: the kernel releases it when the process
/// ends, however it ends, so a killed build never leaves a stale lock behind.
struct BuildLock {
    private let descriptor: Int32

    /// Waits up to `timeout` seconds for the lock, telling the person once that it is waiting.
    init(site: String, timeout: Double, console: Console) throws(PipelineError) {
        let url = URL(fileURLWithPath: site).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let path = parent + "/." + url.lastPathComponent + ".lock"
        descriptor = open(path, O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0 else {
            throw PipelineError(message: "cannot create the lock file \(path): \(String(cString: strerror(errno)))")
        }
        let deadline = Date().addingTimeInterval(timeout)
        var told = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard Date() < deadline else {
                close(descriptor)
                throw PipelineError(
                    message:
                        "another kpidash build is publishing to \(site); gave up after waiting \(Int(timeout)) s (see --lock-timeout)"
                )
            }
            if !told {
                console.err("kpidash build: waiting for another build publishing to \(site)")
                told = true
            }
            usleep(100_000)
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
