// swift-tools-version: 6.0
// libFuzzer targets for the file readers. Built and run by ./scripts/fuzz (see docs/proof.md):
//   swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer,address
import PackageDescription

let reader: Target.Dependency = .product(name: "XiangcunReaders", package: "xiangcun")
let settings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "XiangcunFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "xiangcun", path: "..")],
    targets: [.target(name: "FuzzSupport")] + ["FuzzCSV", "FuzzXLSX", "FuzzPlanWorkbook", "FuzzCVRPLIB", "FuzzVRPLIB", "FuzzEPCIS"].map {
        .executableTarget(name: $0, dependencies: [reader, "FuzzSupport"], swiftSettings: settings)
    }
)
