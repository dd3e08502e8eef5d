#!/bin/sh
# Builds the Routing module alone (no Vapor) in a throwaway package and runs the benchmark harness.
#   bench/routing/run-dev.sh 10            # all X instances, 10 s each
#   bench/routing/run-dev.sh 10 5          # first 5 instances
#   bench/routing/run-dev.sh 10 100 n3     # instances whose name contains "n3"
#   bench/routing/run-dev.sh variants 10   # county variants, 10 s each
# The same tables come from `xiangcun bench routing [--variants]` in the full build.
set -e
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DEV=${ROUTING_DEV_DIR:-/tmp/routing-dev}
mkdir -p "$DEV/Sources/routing-bench" "$DEV/Tests"
ln -sfn "$ROOT/Sources/Routing" "$DEV/Sources/Routing"
ln -sfn "$ROOT/Tests/RoutingTests" "$DEV/Tests/RoutingTests"
cp "$ROOT/bench/routing/dev/main.swift" "$DEV/Sources/routing-bench/main.swift"
cat > "$DEV/Package.swift" <<'PKG'
// swift-tools-version:6.0
import PackageDescription
let swiftSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]
let package = Package(
    name: "RoutingDev",
    targets: [
        .target(name: "Routing", swiftSettings: swiftSettings),
        .executableTarget(name: "routing-bench", dependencies: ["Routing"], swiftSettings: swiftSettings),
        .testTarget(name: "RoutingTests", dependencies: ["Routing"]),
    ]
)
PKG
cd "$DEV"
swift build -c release -j 1 --product routing-bench >/dev/null
exec .build/release/routing-bench "$@"
