import Foundation
import KPIAnalysis
import KPIModel
import Mustache
import Toolkit

/// A problem with the templates (missing folder, a syntax error); the build publishes nothing.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// Renders the whole site as files (relative path → bytes), laid out as the output contract says (README, "Commands").
///
/// Rendering never touches the published site: publishing is a separate, atomic step.
public struct SiteRenderer: Sendable {
    let library: MustacheLibrary
    let stylesheet: [UInt8]
    /// Tests render strictly, so a name a shipped template uses but the page model lacks fails them.
    let mode: MustacheRenderMode

    /// Reads `site/*.mustache` and `assets/style.css` from `templatesDirectory`.
    public init(templatesDirectory: String) throws {
        try self.init(templatesDirectory: templatesDirectory, mode: .lenient)
    }

    init(templatesDirectory: String, mode: MustacheRenderMode) throws {
        self.mode = mode
        let site = URL(fileURLWithPath: templatesDirectory).appendingPathComponent("site")
        let stylesheetPath = URL(fileURLWithPath: templatesDirectory).appendingPathComponent("assets/style.css").path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: site.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TemplateError(
                description:
                    "\(site.path): error: the templates folder is missing\n    hint: pass --templates DIR, a folder holding site/ and assets/"
            )
        }
        do {
            library = try MustacheLibrary(directory: site, fileExtension: "mustache")
        } catch {
            throw TemplateError(description: "\(error)")
        }
        guard let css = FileManager.default.contents(atPath: stylesheetPath) else {
            throw TemplateError(description: "\(stylesheetPath): error: the stylesheet is missing")
        }
        stylesheet = [UInt8](css)
    }

    /// Renders every file and hands each to `emit` (relative path, bytes) as soon as it is made,
    /// so a national build never holds the whole site in memory. `previous` is the record of the
    /// site being replaced, for "what changed since the last build". Authorities are rendered
    /// `workers` at a time, and `emit` may be called from several threads; the files are the same
    /// whatever the number. Returns how many files and bytes were emitted.
    public func render(
        _ analysis: DashboardAnalysis, settings: Settings, previous: BuildRecord?,
        workers: Int = 1, emit: @Sendable (String, [UInt8]) throws -> Void
    ) throws -> (files: Int, bytes: Int) {
        var shared: [(String, [UInt8])] = [("assets/style.css", stylesheet)]
        let several = analysis.authorities.count > 1
        if several || analysis.authorities.isEmpty {
            shared.append(("index.html", try page("authorities", authoritiesIndex(analysis, settings: settings))))
        }
        var totals = (files: 0, bytes: 0)
        for (path, bytes) in shared {
            try emit(path, bytes)
            totals = (totals.files + 1, totals.bytes + bytes.count)
        }
        // summary.json (18 MB at national scale) is one more job beside the authorities, not a wait before them.
        let jobs = [RenderJob.summary] + analysis.authorities.map(RenderJob.authority)
        let trees = jobs.concurrentMap(workers: workers) { job in
            Result { () throws -> (files: Int, bytes: Int) in
                guard case .authority(let authority) = job else {
                    let summary = SummaryJSON.render(analysis)
                    try emit("data/summary.json", summary)
                    return (1, summary.count)
                }
                let model = PageModel(
                    analysis: analysis, settings: settings, authority: authority,
                    siteRoot: several ? "../" : "", hasHome: several,
                    previous: previous)
                var count = (files: 0, bytes: 0)
                try renderAuthority(model, prefix: several ? authority.code + "/" : "") { path, bytes in
                    try emit(path, bytes)
                    count = (count.files + 1, count.bytes + bytes.count)
                }
                return count
            }
        }
        for tree in trees {
            let count = try tree.get()
            totals = (totals.files + count.files, totals.bytes + count.bytes)
        }
        return totals
    }

    private func renderAuthority(_ model: PageModel, prefix: String, emit: (String, [UInt8]) throws -> Void) throws {
        try emit(prefix + "index.html", page("overview", model.overview()))
        for area in model.areas {
            try emit(prefix + "areas/\(area.slug).html", page("area", model.areaPage(area)))
        }
        for item in model.authority.indicators {
            try emit(prefix + "indicators/\(item.indicator.id).html", page("indicator", model.indicatorPage(item)))
            try emit(prefix + "data/\(item.indicator.id).csv", SeriesCSV.render(item, authority: model.authority.code))
        }
        try emit(prefix + "quality.html", page("quality", model.qualityPage()))
    }

    private func page(_ template: String, _ context: MustacheValue) throws(TemplateError) -> [UInt8] {
        do {
            var bytes: [UInt8] = []
            try library.render(template, with: context, mode: mode, appendingTo: &bytes)
            return bytes
        } catch {
            throw TemplateError(description: "\(error)")
        }
    }

    private func authoritiesIndex(_ analysis: DashboardAnalysis, settings: Settings) -> MustacheValue {
        .object([
            "pageTitle": .string("Authorities"),
            "root": .string(""),
            "siteRoot": .string(""),
            "site": .object([
                "title": .string(settings.title),
                "authorityName": .string("\(analysis.authorities.count) authorities"),
                "asOf": analysis.asOf.map { .string($0.longName) } ?? .null,
                "home": .null,
            ]),
            "nav": .list([]),
            "hasNav": .bool(false),
            "authorityCount": .string(String(analysis.authorities.count)),
            "authorities": .list(
                analysis.authorities.map { authority in
                    .object([
                        "name": .string(authority.name), "code": .string(authority.code),
                        "href": .string("\(authority.code)/index.html"),
                    ])
                }),
        ])
    }
}

/// What one thread renders at a time: the summary, or one authority's pages.
private enum RenderJob: Sendable {
    case summary
    case authority(AuthorityAnalysis)
}
