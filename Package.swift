// swift-tools-version:6.0
import PackageDescription

// The command-line tool allocates with mimalloc (Debian's libmimalloc-dev), as ruff does: a
// lint run makes millions of small allocations, and glibc's malloc cost 15-25% of the time
// (docs/performance.md). POCLINT_SYSTEM_MALLOC=1 builds with the system allocator instead
// (`make test-asan` does: AddressSanitizer brings its own).
let allocator: [LinkerSetting] = Context.environment["POCLINT_SYSTEM_MALLOC"] == nil
    ? [.linkedLibrary("mimalloc", .when(platforms: [.linux]))] : []

let package = Package(
    name: "poclint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "poclint", targets: ["poclint"]),
        .library(name: "POCLintCore", targets: ["POCLintCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The built-in rule pack's pattern tables, computed at build time (scripts/embed-rules.py).
        .target(name: "POCLintTables"),
        .target(
            name: "POCLintCore",
            dependencies: ["CMarkGFM", "POCLintTables", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "POCLintRules", dependencies: ["POCLintCore"]),
        .target(name: "POCLintReport", dependencies: ["POCLintCore"]),
        .target(name: "POCLintLSP", dependencies: ["POCLintCore", "POCLintRules", "POCLintReport"]),
        .executableTarget(
            name: "poclint",
            dependencies: [
                "POCLintCore", "POCLintRules", "POCLintReport", "POCLintLSP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: allocator
        ),
        .testTarget(name: "POCLintCoreTests", dependencies: ["POCLintCore", "POCLintRules"]),
        .testTarget(name: "POCLintRulesTests", dependencies: ["POCLintCore", "POCLintRules"]),
        .testTarget(name: "POCLintReportTests", dependencies: ["POCLintCore", "POCLintRules", "POCLintReport"]),
        .testTarget(name: "CLITests", dependencies: ["POCLintCore", "POCLintRules", "POCLintReport"]),
        // libFuzzer target over the whole pipeline (`make fuzz`); in a normal build, a replay tool.
        .executableTarget(name: "POCLintFuzz", dependencies: ["POCLintCore", "POCLintRules", "POCLintReport"]),
        .testTarget(name: "POCLintLSPTests", dependencies: ["POCLintCore", "POCLintLSP"]),
        .testTarget(name: "poclintTests", dependencies: [
            "poclint", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
    ]
)
