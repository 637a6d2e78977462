// swift-tools-version:6.0
import PackageDescription

/// kpidash uses the Swift toolchain alone: no package dependencies.
/// Modules exist only where a dependency rule must hold: the generic ones (Toolkit, Mustache, PNG,
/// MIME) know nothing of KPIs; ingest and analysis never import rendering; the pipeline alone
/// knows the order of a build and touches the published site; the CLI only parses options.
let package = Package(
    name: "kpidash",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kpidash", targets: ["kpidash"])
    ],
    targets: [
        .target(name: "Toolkit"),
        .target(name: "Mustache"),
        .target(name: "PNG"),
        .target(name: "MIME", dependencies: ["Toolkit"]),
        .target(name: "KPIModel"),
        .target(name: "KPIIngest", dependencies: ["KPIModel", "Toolkit"]),
        .target(name: "KPIAnalysis", dependencies: ["KPIModel", "Toolkit"]),
        .target(name: "KPIRender", dependencies: ["KPIModel", "KPIAnalysis", "Mustache", "PNG", "MIME", "Toolkit"]),
        .target(
            name: "KPIPipeline", dependencies: ["KPIModel", "KPIIngest", "KPIAnalysis", "KPIRender", "MIME", "Toolkit"]),
        .target(name: "KPIDashCLI", dependencies: ["KPIPipeline", "KPIModel", "KPIIngest", "MIME", "Toolkit"]),
        .executableTarget(name: "kpidash", dependencies: ["KPIDashCLI"]),
        .executableTarget(
            name: "kpidash-national", dependencies: ["KPIModel", "Toolkit"], path: "Benchmarks/Generator"),
        .target(name: "KPITestSupport", path: "Tests/KPITestSupport"),
        .testTarget(name: "ToolkitTests", dependencies: ["Toolkit", "KPITestSupport"]),
        .testTarget(name: "MustacheTests", dependencies: ["Mustache", "Toolkit"], exclude: ["spec"]),
        .testTarget(name: "PNGTests", dependencies: ["PNG", "KPITestSupport"]),
        .testTarget(name: "MIMETests", dependencies: ["MIME", "KPITestSupport"]),
        .testTarget(
            name: "KPIIngestTests", dependencies: ["KPIIngest", "KPIModel", "KPITestSupport"],
            exclude: ["Fixtures", "Corpus"]),
        .testTarget(name: "KPIAnalysisTests", dependencies: ["KPIAnalysis", "KPIModel", "KPITestSupport", "Toolkit"]),
        .testTarget(
            name: "KPIRenderTests",
            dependencies: ["KPIRender", "KPIModel", "KPIAnalysis", "PNG", "MIME", "KPITestSupport"],
            exclude: ["Golden"]),
        .testTarget(
            name: "KPIDashCLITests",
            dependencies: ["KPIDashCLI", "KPIPipeline", "KPIAnalysis", "KPITestSupport", "kpidash-national"]),
    ]
)
