import Foundation
import KPIAnalysis
import MIME
import Toolkit

/// Guards against the slip of the keyboard that deletes data, decided before any lock, staging
/// folder or read, so a refused run leaves every file as it was.
///
/// Publishing swaps a whole folder, so `--out` naming the dataset, a folder above it or a folder
/// of someone's files would delete them as completely as it keeps a site whole. The output is
/// resolved once to a real path, which every later step uses, and folders are compared by device
/// and inode, not by name, so symlinks, `..`, and a case-insensitive file system's other spellings
/// of a name are all seen for what they are.
enum OutputSafety {
    /// The folders no output may touch.
    struct Protected {
        var dataset: String
        var templates: String
    }

    /// The site folder `site` names, as a real path, once it is safe to replace: refuses one that
    /// is, holds or lies inside the dataset or the templates, that is or holds the home folder
    /// (the root holds everything), or (unless `force`) that holds files and is not a site
    /// kpidash published.
    static func siteFolder(_ site: String, protecting protected: Protected, force: Bool) throws(PipelineError) -> String
    {
        let resolved = try resolve(site)
        for (role, folder) in [
            ("the dataset folder", protected.dataset), ("the templates folder", protected.templates),
        ] {
            try refuseOverlap(site, resolved, with: folder, role: role, insideToo: true)
        }
        try refuseOverlap(
            site, resolved, with: FileManager.default.homeDirectoryForCurrentUser.path, role: "your home folder",
            insideToo: false)
        guard let identity = FileIdentity(resolved) else { return resolved }
        guard identity.isFolder else {
            throw PipelineError(
                message: "--out \(site) is a file, not a folder", hint: "name a new or empty folder for the site")
        }
        if force { return resolved }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: resolved).sorted() else {
            throw PipelineError(
                message: "cannot read \(site) to tell whether it is a site kpidash published",
                hint: "check its permissions, or choose a new folder for --out")
        }
        if names.isEmpty || BuildRecord.marksPublishedSite(resolved) { return resolved }
        let shown = names.prefix(5).map { FileIdentity(resolved + "/" + $0)?.isFolder == true ? $0 + "/" : $0 }
        let more = names.count > shown.count ? " and \(names.count - shown.count) more" : ""
        throw PipelineError(
            message:
                "refusing to replace \(site): it is not a site kpidash published (it has no kpidash build record), "
                + "and publishing would delete the \(plural(names.count, "entry", "entries")) it holds: "
                + shown.joined(separator: ", ") + more,
            hint: "choose an empty or new folder for --out, or add --force to replace this folder and everything in it")
    }

    /// The message file `path` names, as a real path: never inside the dataset or the templates,
    /// and (unless `force`) not a file that is there and is not a message kpidash wrote.
    static func messageFile(_ path: String, protecting protected: Protected, force: Bool) throws(PipelineError)
        -> String
    {
        let resolved = try resolve(path)
        for (role, folder) in [
            ("the dataset folder", protected.dataset), ("the templates folder", protected.templates),
        ]
        where lies(resolved, inside: folder) {
            throw PipelineError(
                status: .usage, message: "--out \(path) is inside \(role) \(folder); kpidash never writes there",
                hint: "write the message somewhere outside \(folder)")
        }
        guard let identity = FileIdentity(resolved) else { return resolved }
        if identity.isFolder {
            throw PipelineError(
                message: "--out \(path) is a folder, not a file",
                hint: "name the message file, such as \(path)/board.eml")
        }
        if force || isKPIDashMessage(resolved) { return resolved }
        throw PipelineError(
            message: "refusing to overwrite \(path): it is not a message kpidash wrote",
            hint: "choose another file name, or add --force to overwrite it")
    }

    /// `path` as one real path: the kernel resolves symlinks and `..` in the part that exists; the
    /// part not yet made may hold no `.` or `..` (`typo/..` names a folder only once `typo` exists).
    static func resolve(_ path: String) throws(PipelineError) -> String {
        guard !path.isEmpty else {
            throw PipelineError(status: .usage, message: "--out is empty", hint: "name the folder or file to write")
        }
        var existing = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var missing: [Substring] = []
        while FileIdentity(existing) == nil && existing != "/" {
            let slash = existing.lastIndex(of: "/")!
            missing.insert(existing[existing.index(after: slash)...], at: 0)
            existing = slash == existing.startIndex ? "/" : String(existing[..<slash])
        }
        missing.removeAll { $0.isEmpty }
        guard !missing.contains(where: { $0 == "." || $0 == ".." }) else {
            throw PipelineError(
                status: .usage, message: "--out \(path) goes through a folder that does not exist",
                hint: "name the folder without . or .. after the part that does not exist yet")
        }
        guard let real = realpath(existing, nil) else {
            throw PipelineError(message: "cannot resolve \(path): \(String(cString: strerror(errno)))")
        }
        defer { free(real) }
        let base = String(cString: real)
        return missing.reduce(base) { ($0 == "/" ? "" : $0) + "/" + $1 }
    }

    /// Refuses `resolved` (the output `given`) when it is `folder` or holds it, and, with
    /// `insideToo`, when it lies inside it.
    private static func refuseOverlap(
        _ given: String, _ resolved: String, with folder: String, role: String,
        insideToo: Bool
    ) throws(PipelineError) {
        if lies(folder, inside: resolved) {
            let what = FileIdentity(resolved) == FileIdentity(folder) ? "is \(role)" : "holds \(role) \(folder)"
            throw PipelineError(
                status: .usage, message: "--out \(given) \(what); publishing there would delete it",
                hint: "publish to a folder of its own, outside \(folder)")
        }
        if insideToo && lies(resolved, inside: folder) {
            throw PipelineError(
                status: .usage, message: "--out \(given) is inside \(role) \(folder); kpidash never writes there",
                hint: "publish to a folder of its own, outside \(folder)")
        }
    }

    /// Whether `path`, or the nearest folder of it that exists, is `folder` or lies under it.
    private static func lies(_ path: String, inside folder: String) -> Bool {
        guard let outer = FileIdentity(folder) else { return false }
        return FileIdentity.ancestors(of: path).contains(outer)
    }

    /// A message kpidash wrote names its MIME boundary in its headers.
    private static func isKPIDashMessage(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: 16_384)) ?? Data()
        let headers = start.range(of: Data("\r\n\r\n".utf8)).map { start[..<$0.lowerBound] } ?? start
        return headers.range(of: Data("boundary=\"\(MIMEPart.boundaryPrefix)".utf8)) != nil
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
        guard let resolved = try? OutputSafety.resolve(path) else { return [] }
        var current = resolved
        var identities: [FileIdentity] = []
        while true {
            if let identity = FileIdentity(current) { identities.append(identity) }
            guard let slash = current.lastIndex(of: "/"), current != "/" else { return identities }
            current = slash == current.startIndex ? "/" : String(current[..<slash])
        }
    }
}
