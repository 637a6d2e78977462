import Foundation

/// A failure to write or swap in the site; exit status 3.
struct OutputError: Error {
    var message: String
}

/// Writes a site so that readers only ever see a whole one.
///
/// The new site is written to a staging folder beside the old, then swapped in with one
/// atomic rename (`renameat2(RENAME_EXCHANGE)` on Linux), so a failed or killed build leaves
/// the previous site whole. Staging folders left by a killed build are removed by the next.
enum Publisher {
    /// Publishes `files` (relative path → bytes) as the whole content of `site`.
    static func publish(_ files: [String: [UInt8]], to site: String) throws(OutputError) {
        let manager = FileManager.default
        let siteURL = URL(fileURLWithPath: site).standardizedFileURL
        let parent = siteURL.deletingLastPathComponent()
        let base = "." + siteURL.lastPathComponent
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError(message: "cannot create \(parent.path): \(error.localizedDescription)")
        }
        removeLeftovers(in: parent, prefix: base)
        let staging = parent.appendingPathComponent("\(base).staging-\(getpid())")
        do {
            for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
                let url = staging.appendingPathComponent(path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                guard manager.createFile(atPath: url.path, contents: Data(bytes)) else {
                    throw OutputError(message: "cannot write \(url.path)")
                }
            }
        } catch let error as OutputError {
            try? manager.removeItem(at: staging)
            throw error
        } catch {
            try? manager.removeItem(at: staging)
            throw OutputError(message: "cannot write the new site beside \(site): \(error.localizedDescription)")
        }
        try swapIn(staging: staging, site: siteURL, base: base)
    }

    private static func swapIn(staging: URL, site: URL, base: String) throws(OutputError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: site.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            try? manager.removeItem(at: staging)
            throw OutputError(message: "\(site.path) exists and is not a folder")
        }
        if !exists {
            guard rename(staging.path, site.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? manager.removeItem(at: staging)
                throw OutputError(message: "cannot move the new site into place at \(site.path): \(reason)")
            }
            return
        }
        guard exchange(staging.path, site.path) else {
            let reason = String(cString: strerror(errno))
            try? manager.removeItem(at: staging)
            throw OutputError(message: "cannot swap the new site into \(site.path): \(reason); the previous site is unchanged")
        }
        // The staging path now holds the previous site.
        try? manager.removeItem(at: staging)
    }

    /// Swaps two paths in one step where the system can; otherwise two renames in quick succession.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        if linuxRenameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0 { return true }
        guard errno == EINVAL || errno == ENOSYS else { return false }
        #endif
        let aside = b + ".previous-\(getpid())"
        guard rename(b, aside) == 0 else { return false }
        guard rename(a, b) == 0 else {
            _ = rename(aside, b)
            return false
        }
        return rename(aside, a) == 0
    }

    /// Staging folders of earlier builds that were killed before they finished.
    private static func removeLeftovers(in parent: URL, prefix: String) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name.hasPrefix(prefix + ".staging-") {
            let pid = Int32(name.dropFirst(prefix.count + ".staging-".count)) ?? 0
            if pid > 0 && pid != getpid() && kill(pid, 0) == 0 { continue } // another live build's staging
            try? manager.removeItem(at: parent.appendingPathComponent(name))
        }
    }
}

#if os(Linux)
/// glibc's `renameat2` (2.28 and later), which Swift's Glibc module does not export.
@_silgen_name("renameat2")
private func linuxRenameat2(_ oldDirectory: Int32, _ oldPath: UnsafePointer<CChar>, _ newDirectory: Int32,
                            _ newPath: UnsafePointer<CChar>, _ flags: UInt32) -> Int32
/// `RENAME_EXCHANGE` from <linux/fs.h>: swap the two paths atomically.
private let renameExchange: UInt32 = 2
#endif
