import Foundation
import KPIAnalysis
import Toolkit

/// Guards against the slip of the keyboard that deletes data, decided before any lock, staging
/// folder or read, so a refused run leaves every file as it was.
///
/// Publishing swaps a whole folder, so `--out` naming the dataset, a folder above it or a folder
/// of someone's files would delete them as completely as it keeps a site whole. Folders are
/// compared by device and inode, not by name, so symlinks, `..`, and a case-insensitive file
/// system's other spellings of a name are all seen for what they are.
enum OutputSafety {
    /// The folders no output may touch, named as the message should name them.
    struct Protected {
        var dataset: String
        var templates: String
    }

    /// Refuses a site folder that is, holds or lies inside the dataset or the templates, that
    /// holds the home folder (or is the root), or (unless `force`) that holds files and is not a
    /// site kpidash published.
    static func checkSite(_ site: String, protecting protected: Protected, force: Bool) -> PipelineError? {
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        let guarded = [
            ("the dataset folder", protected.dataset, true), ("the templates folder", protected.templates, true),
            ("your home folder", home, false),
        ]
        for (role, folder, insideToo) in guarded {
            if let refusal = refuseOverlap(site, with: folder, role: role, insideToo: insideToo) { return refusal }
        }
        guard let identity = FileIdentity(site) else { return nil }
        guard identity.isFolder else {
            return PipelineError(
                status: .outputFailure, message: "--out \(site) is a file, not a folder",
                hint: "name a new or empty folder for the site")
        }
        if force { return nil }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: site)) ?? []).sorted()
        if names.isEmpty { return nil }
        if let record = FileManager.default.contents(atPath: site + "/" + BuildRecord.fileName),
            BuildRecord(parsing: String(decoding: record, as: UTF8.self)) != nil
        {
            return nil
        }
        let shown = names.prefix(5).map { name in FileIdentity(site + "/" + name)?.isFolder == true ? name + "/" : name
        }
        let more = names.count > shown.count ? " and \(names.count - shown.count) more" : ""
        return PipelineError(
            status: .outputFailure,
            message:
                "refusing to replace \(site): it is not a site kpidash published (it has no \(BuildRecord.fileName)), "
                + "and publishing would delete the \(plural(names.count, "entry", "entries")) it holds: \(shown.joined(separator: ", "))\(more)",
            hint: "choose an empty or new folder for --out, or add --force to replace this folder and everything in it")
    }

    /// Refuses a message file inside the dataset or the templates, and (unless `force`) one that
    /// exists and is not a message kpidash wrote.
    static func checkMessageFile(_ path: String, protecting protected: Protected, force: Bool) -> PipelineError? {
        for (role, guarded) in [
            ("the dataset folder", protected.dataset), ("the templates folder", protected.templates),
        ] {
            if let guardedIdentity = FileIdentity(guarded), FileIdentity.ancestors(of: path).contains(guardedIdentity) {
                return PipelineError(
                    status: .usage, message: "--out \(path) is inside \(role) \(guarded); kpidash never writes there",
                    hint: "write the message somewhere outside \(guarded)")
            }
        }
        guard let identity = FileIdentity(path) else { return nil }
        if identity.isFolder {
            return PipelineError(
                status: .outputFailure, message: "--out \(path) is a folder, not a file",
                hint: "name the message file, such as \(path)/board.eml")
        }
        if force || isKPIDashMessage(path) { return nil }
        return PipelineError(
            status: .outputFailure,
            message: "refusing to overwrite \(path): it is not a message kpidash wrote",
            hint: "choose another file name, or add --force to overwrite it")
    }

    /// A message kpidash wrote names its MIME boundary `=_kpidash_mixed_…` in its headers.
    private static func isKPIDashMessage(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: 16_384)) ?? Data()
        let headers = start.range(of: Data("\r\n\r\n".utf8)).map { start[..<$0.lowerBound] } ?? start
        return headers.range(of: Data("boundary=\"=_kpidash_mixed_".utf8)) != nil
    }

    /// Refuses `output` when it is `folder` or holds it, and, with `insideToo`, when it lies inside it.
    private static func refuseOverlap(_ output: String, with folder: String, role: String, insideToo: Bool)
        -> PipelineError?
    {
        guard let guarded = FileIdentity(folder) else { return nil }
        if let outputIdentity = FileIdentity(output), FileIdentity.ancestors(of: folder).contains(outputIdentity) {
            let what = outputIdentity == guarded ? "is \(role)" : "holds \(role) \(folder)"
            return PipelineError(
                status: .usage, message: "--out \(output) \(what); publishing there would delete it",
                hint: "publish to a folder of its own, outside \(folder)")
        }
        if insideToo, FileIdentity.ancestors(of: output).contains(guarded) {
            return PipelineError(
                status: .usage, message: "--out \(output) is inside \(role) \(folder); kpidash never writes there",
                hint: "publish to a folder of its own, outside \(folder)")
        }
        return nil
    }
}

/// A file or folder as the file system knows it: the same device and inode is the same folder,
/// whatever path reached it.
struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64
    var isFolder: Bool

    /// Follows symlinks; nil when nothing is there.
    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        isFolder = (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// What is at `path` and every folder above it, up to the root, after symlinks and `..` as the
    /// kernel resolves them; for a path not yet made, its nearest existing folder and those above.
    static func ancestors(of path: String) -> [FileIdentity] {
        var existing = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        while FileIdentity(existing) == nil {
            guard existing != "/" else { return [] }
            existing = parent(of: existing)
        }
        guard let resolved = realpath(existing, nil) else { return [] }
        defer { free(resolved) }
        var current = String(cString: resolved)
        var identities: [FileIdentity] = []
        while let identity = FileIdentity(current) {
            identities.append(identity)
            guard current != "/" else { break }
            current = parent(of: current)
        }
        return identities
    }

    /// The path without its last component, by text alone (`..` is left for the kernel).
    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
