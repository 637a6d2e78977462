import Foundation

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

/// The file-system side of publishing: atomic swaps, whole-file writes, leftovers of killed builds.
///
/// A new site is assembled in a staging folder beside the old (`SiteStaging`), then swapped in
/// with one atomic rename (`renameat2(RENAME_EXCHANGE)` on Linux), so a failed or killed build
/// leaves the previous site whole; staging folders left by a killed build are removed by the next.
enum Publisher {
    /// Every file under `root`, as paths relative to it.
    static func listFiles(_ root: String) -> Set<String> {
        var files: Set<String> = []
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return files }
        while let path = enumerator.nextObject() as? String {
            if enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular { files.insert(path) }
        }
        return files
    }

    static func sameBytes(_ path: String, _ bytes: [UInt8]) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, Int(info.st_size) == bytes.count else { return false }
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return data.elementsEqual(bytes)
    }

    /// The folders `path` needs under `root`, outermost first.
    static func parentFolders(of path: String, under root: String) -> [String] {
        var folder = root
        return path.split(separator: "/").dropLast().map { component in
            folder += "/" + component
            return folder
        }
    }

    static func makeFolder(_ path: String) throws(PipelineError) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw PipelineError(message: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Writes a whole file, reporting a short write (a full disk) as a failure.
    static func write(_ bytes: [UInt8], to path: String) throws(PipelineError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw PipelineError(message: "cannot write \(path): \(String(cString: strerror(errno)))") }
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
        if let failure { throw PipelineError(message: "cannot write \(path): \(failure)") }
        if closed != 0 { throw PipelineError(message: "cannot write \(path): \(String(cString: strerror(errno)))") }
    }

    /// Writes a whole file by a temporary beside it and a rename, so a reader never sees half of it.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(PipelineError) {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw PipelineError(message: "cannot write \(path): \(error.localizedDescription)")
        }
    }

    static func swapIn(staging: String, site: String, exists: Bool) throws(PipelineError) {
        if !exists {
            guard rename(staging, site) == 0 else {
                let reason = String(cString: strerror(errno))
                removeTree(staging)
                throw PipelineError(message: "cannot move the new site into place at \(site): \(reason)")
            }
            return
        }
        guard exchange(staging, site) else {
            let reason = String(cString: strerror(errno))
            removeTree(staging)
            throw PipelineError(
                message: "cannot swap the new site into \(site): \(reason); the previous site is unchanged")
        }
        // The staging path now holds the previous site.
        removeTree(staging)
    }

    /// Swaps two paths in one step where the system can; otherwise two renames in quick succession.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
            if let renameat2 = linuxRenameat2 {
                if renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0 { return true }
                guard errno == EINVAL || errno == ENOSYS else { return false }
            }
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
    static func removeLeftovers(in parent: URL, prefix: String) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name.hasPrefix(prefix + ".staging-") {
            let pid = Int32(name.dropFirst(prefix.count + ".staging-".count)) ?? 0
            if pid > 0 && pid != getpid() && kill(pid, 0) == 0 { continue }  // another live build's staging
            removeTree(parent.appendingPathComponent(name).path)
        }
    }
}

/// A new site being assembled beside the published one, file by file, so pages can be written
/// as they are rendered instead of all held in memory.
///
/// Files whose bytes equal the published ones are hard-linked from the old site; `finish` swaps
/// the whole in atomically, or, when nothing differs, removes the staging folder and touches
/// nothing. `add` may be called from several threads at once.
final class SiteStaging: @unchecked Sendable {
    let site: String
    private let folder: String
    private let exists: Bool
    private let previous: Set<String>
    private let lock = NSLock()
    private var added: Set<String> = []
    private var madeFolders: Set<String> = []
    private var written = 0
    private var kept = 0

    init(site: String) throws(PipelineError) {
        let manager = FileManager.default
        let url = URL(fileURLWithPath: site).standardizedFileURL
        self.site = url.path
        var isDirectory: ObjCBool = false
        exists = manager.fileExists(atPath: url.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw PipelineError(message: "\(url.path) exists and is not a folder")
        }
        previous = exists ? Publisher.listFiles(url.path) : []
        let parent = url.deletingLastPathComponent()
        let base = "." + url.lastPathComponent
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw PipelineError(message: "cannot create \(parent.path): \(error.localizedDescription)")
        }
        Publisher.removeLeftovers(in: parent, prefix: base)
        folder = parent.appendingPathComponent("\(base).staging-\(getpid())").path
        try Publisher.makeFolder(folder)
    }

    func add(_ path: String, _ bytes: [UInt8]) throws(PipelineError) {
        // Paths come partly from data (authority codes name folders): the loader checks those, and this is the last guard.
        guard !path.hasPrefix("/"),
            !path.split(separator: "/", omittingEmptySubsequences: false).contains(where: {
                $0.isEmpty || $0 == "." || $0 == ".."
            })
        else {
            throw PipelineError(message: "refusing to write \(path): every file of a site must be inside it")
        }
        let parents = Publisher.parentFolders(of: path, under: folder)
        let missing = lock.withLock { () -> [String] in
            added.insert(path)
            let missing = parents.filter { !madeFolders.contains($0) }
            madeFolders.formUnion(missing)
            return missing
        }
        for parent in missing { try Publisher.makeFolder(parent) }
        let target = folder + "/" + path
        if previous.contains(path), Publisher.sameBytes(site + "/" + path, bytes), link(site + "/" + path, target) == 0
        {
            lock.withLock { kept += 1 }
            return
        }
        try Publisher.write(bytes, to: target)
        lock.withLock { written += 1 }
    }

    /// Swaps the new site in; when nothing differs, leaves the published site untouched.
    func finish() throws(PipelineError) -> PublishReport {
        let report = lock.withLock {
            PublishReport(written: written, kept: kept, removed: previous.subtracting(added).count)
        }
        if exists && report.unchanged {
            abandon()
            return report
        }
        try Publisher.swapIn(staging: folder, site: site, exists: exists)
        return report
    }

    /// Removes the staging folder; the published site was never touched.
    func abandon() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}

#if os(Linux)
    private typealias Renameat2 =
        @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
    /// glibc's `renameat2` (2.28 and later), which Swift's Glibc module does not export, looked up
    /// once and called through a C function pointer, so it is called with C's calling convention.
    private let linuxRenameat2: Renameat2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: Renameat2.self) }
    /// `RENAME_EXCHANGE` from <linux/fs.h>: swap the two paths atomically.
    private let renameExchange: UInt32 = 2
#endif
