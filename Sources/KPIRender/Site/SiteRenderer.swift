import Foundation
import KPIModel
import KPIAnalysis
import Mustache

/// A problem with the templates (missing folder, a syntax error); the build publishes nothing.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// Renders the whole site as files in memory (relative path → bytes), laid out as `spec/outputs.md` says.
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
            throw TemplateError(description: "\(site.path): error: the templates folder is missing\n    hint: pass --templates DIR, a folder holding site/ and assets/")
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

    /// `previous` is the record of the site being replaced, for "what changed since the last build".
    /// Authorities are rendered `workers` at a time; the files are the same whatever the number.
    public func render(_ analysis: DashboardAnalysis, dataset: Dataset, fingerprint: String,
                       previous: BuildRecord?, workers: Int = 1) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let record = BuildRecord(fingerprint: fingerprint, analysis: analysis)
        files[BuildRecord.fileName] = Array(record.text.utf8)
        files["data/summary.json"] = Array(SummaryJSON.render(analysis).utf8)
        files["assets/style.css"] = stylesheet
        let several = analysis.authorities.count > 1
        let settings = dataset.settings
        let trees = analysis.authorities.concurrentMap(workers: workers) { authority in
            let model = PageModel(analysis: analysis, settings: settings, authority: authority,
                                  siteRoot: several ? "../" : "", hasHome: several,
                                  changes: previous.map { Changes(record: record, previous: $0) })
            var tree: [String: [UInt8]] = [:]
            return Result { () throws(TemplateError) in
                try renderAuthority(model, prefix: several ? authority.code + "/" : "", into: &tree)
                return tree
            }
        }
        for tree in trees { files.merge(try tree.get()) { _, new in new } }
        if several || analysis.authorities.isEmpty {
            files["index.html"] = try page("authorities", authoritiesIndex(analysis, settings: dataset.settings))
        }
        return files
    }

    private func renderAuthority(_ model: PageModel, prefix: String, into files: inout [String: [UInt8]]) throws(TemplateError) {
        files[prefix + "index.html"] = try page("overview", model.overview())
        for area in model.areas {
            files[prefix + "areas/\(area.slug).html"] = try page("area", model.areaPage(area))
        }
        for item in model.authority.indicators {
            files[prefix + "indicators/\(item.indicator.id).html"] = try page("indicator", model.indicatorPage(item))
            files[prefix + "data/\(item.indicator.id).csv"] = Array(SeriesCSV.render(item, authority: model.authority.code).utf8)
        }
        files[prefix + "quality.html"] = try page("quality", model.qualityPage())
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
            "authorities": .list(analysis.authorities.map { authority in
                .object(["name": .string(authority.name), "code": .string(authority.code), "href": .string("\(authority.code)/index.html")])
            }),
        ])
    }
}
