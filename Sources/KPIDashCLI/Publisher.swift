import Foundation

/// A failure to write or swap in the site; exit status 3.
struct OutputError: Error {
    var message: String
}

/// What publishing did.
struct PublishReport: Equatable {
    /// Files whose bytes are new.
    var written: Int
    /// Files carried over from the previous site unchanged (hard-linked, never rewritten).
    var kept: Int
    /// Files of the previous site that the new one no longer has.
    var removed: Int

    /// Nothing differed, so nothing was touched.
    var unchanged: Bool { written == 0 && removed == 0 }
}

/// Writes a site so that readers only ever see a whole one, and rewrites only what changed.
///
/// The new site is assembled in a staging folder beside the old (unchanged files hard-linked
/// from it, so their bytes and times stay as they were), then swapped in with one atomic rename
/// (`renameat2(RENAME_EXCHANGE)` on Linux). A failed or killed build leaves the previous site
/// whole; staging folders left by a killed build are removed by the next. When every file is
/// the same as already published, nothing is written at all.
enum Publisher {
    /// Publishes `files` (relative path → bytes) as the whole content of `site`.
    static func publish(_ files: [String: [UInt8]], to site: String) throws(OutputError) -> PublishReport {
        let manager = FileManager.default
        let siteURL = URL(fileURLWithPath: site).standardizedFileURL
        let parent = siteURL.deletingLastPathComponent()
        let base = "." + siteURL.lastPathComponent
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: siteURL.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw OutputError(message: "\(siteURL.path) exists and is not a folder")
        }
        let previous = exists ? listFiles(siteURL.path) : []
        let unchanged = Set(files.keys.filter { previous.contains($0) && sameBytes(siteURL.path + "/" + $0, files[$0]!) })
        let report = PublishReport(written: files.count - unchanged.count, kept: unchanged.count,
                                   removed: previous.subtracting(files.keys).count)
        if exists && report.unchanged { return report }

        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError(message: "cannot create \(parent.path): \(error.localizedDescription)")
        }
        removeLeftovers(in: parent, prefix: base)
        let staging = parent.appendingPathComponent("\(base).staging-\(getpid())").path
        do throws(OutputError) {
            var made: Set<String> = []
            try makeFolder(staging)
            for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
                let target = staging + "/" + path
                try makeParents(of: path, under: staging, made: &made)
                if unchanged.contains(path), link(siteURL.path + "/" + path, target) == 0 { continue }
                try write(bytes, to: target)
            }
        } catch {
            removeTree(staging)
            throw error
        }
        try swapIn(staging: staging, site: siteURL.path, exists: exists)
        return report
    }

    /// Every file under `root`, as paths relative to it.
    static func listFiles(_ root: String) -> Set<String> {
        var files: Set<String> = []
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return files }
        while let path = enumerator.nextObject() as? String {
            if enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular { files.insert(path) }
        }
        return files
    }

    private static func sameBytes(_ path: String, _ bytes: [UInt8]) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, Int(info.st_size) == bytes.count else { return false }
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return data.elementsEqual(bytes)
    }

    private static func makeParents(of path: String, under root: String, made: inout Set<String>) throws(OutputError) {
        var folder = root
        for component in path.split(separator: "/").dropLast() {
            folder += "/" + component
            guard !made.contains(folder) else { continue }
            try makeFolder(folder)
            made.insert(folder)
        }
    }

    private static func makeFolder(_ path: String) throws(OutputError) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw OutputError(message: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Writes a whole file, reporting a short write (a full disk) as a failure.
    static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw OutputError(message: "cannot write \(path): \(String(cString: strerror(errno)))") }
        var offset = 0
        let failure: String? = bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += n
            }
            return nil
        }
        let closed = close(fd)
        if let failure { throw OutputError(message: "cannot write \(path): \(failure)") }
        if closed != 0 { throw OutputError(message: "cannot write \(path): \(String(cString: strerror(errno)))") }
    }

    private static func swapIn(staging: String, site: String, exists: Bool) throws(OutputError) {
        if !exists {
            guard rename(staging, site) == 0 else {
                let reason = String(cString: strerror(errno))
                removeTree(staging)
                throw OutputError(message: "cannot move the new site into place at \(site): \(reason)")
            }
            return
        }
        guard exchange(staging, site) else {
            let reason = String(cString: strerror(errno))
            removeTree(staging)
            throw OutputError(message: "cannot swap the new site into \(site): \(reason); the previous site is unchanged")
        }
        // The staging path now holds the previous site.
        removeTree(staging)
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

    private static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Staging folders of earlier builds that were killed before they finished.
    private static func removeLeftovers(in parent: URL, prefix: String) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name.hasPrefix(prefix + ".staging-") {
            let pid = Int32(name.dropFirst(prefix.count + ".staging-".count)) ?? 0
            if pid > 0 && pid != getpid() && kill(pid, 0) == 0 { continue } // another live build's staging
            removeTree(parent.appendingPathComponent(name).path)
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
