// swift-tools-version:6.0
import PackageDescription

/// kpidash uses the Swift toolchain alone: no package dependencies.
/// Modules exist only where a dependency rule must hold:
/// the template engine knows nothing of KPIs, analysis never imports rendering,
/// ingest never imports rendering.
let package = Package(
    name: "kpidash",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kpidash", targets: ["kpidash"]),
    ],
    targets: [
        .target(name: "Mustache"),
        .target(name: "KPIModel"),
        .target(name: "KPIIngest", dependencies: ["KPIModel"]),
        .target(name: "KPIAnalysis", dependencies: ["KPIModel"]),
        .target(name: "KPIRender", dependencies: ["KPIModel", "KPIAnalysis", "Mustache"]),
        .target(name: "KPIDashCLI", dependencies: ["KPIModel", "KPIIngest", "KPIAnalysis", "KPIRender"]),
        .executableTarget(name: "kpidash", dependencies: ["KPIDashCLI"]),
        .executableTarget(name: "kpidash-national", dependencies: ["KPIModel"], path: "Benchmarks/Generator"),
        .testTarget(name: "MustacheTests", dependencies: ["Mustache"], exclude: ["spec"]),
        .testTarget(name: "KPIIngestTests", dependencies: ["KPIIngest", "KPIModel"], exclude: ["Fixtures", "Corpus"]),
        .testTarget(name: "KPIAnalysisTests", dependencies: ["KPIAnalysis", "KPIModel", "kpidash-national"]),
        .testTarget(name: "KPIRenderTests", dependencies: ["KPIRender", "KPIModel", "KPIAnalysis"], exclude: ["Golden"]),
        .testTarget(name: "KPIDashCLITests", dependencies: ["KPIDashCLI", "kpidash-national"]),
    ]
)
