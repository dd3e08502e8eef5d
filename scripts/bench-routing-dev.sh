#!/bin/sh
# Builds the Routing module alone (no Vapor) in a throwaway package, release mode, and runs the
# same VRPLIB benchmark as `xiangcun bench routing --set …` with the same options:
#   scripts/bench-routing-dev.sh --set MTVRPTWR --seconds 10 --filter C201
# Side by side with PyVRP:
#   scripts/bench-routing-vrplib.py --set MTVRPTWR --xiangcun "scripts/bench-routing-dev.sh"
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEV=${ROUTING_DEV_DIR:-/tmp/routing-vrplib-dev}
mkdir -p "$DEV/Sources/vrplib-bench"
ln -sfn "$ROOT/Sources/Routing" "$DEV/Sources/Routing"
cp "$ROOT/scripts/bench-routing-dev-main.swift" "$DEV/Sources/vrplib-bench/main.swift"
cat > "$DEV/Package.swift" <<'PKG'
// swift-tools-version:6.0
import PackageDescription
let swiftSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]
let package = Package(
    name: "RoutingVRPLIBDev",
    targets: [
        .target(name: "Routing", swiftSettings: swiftSettings),
        .executableTarget(name: "vrplib-bench", dependencies: ["Routing"], swiftSettings: swiftSettings),
    ]
)
PKG
(cd "$DEV" && swift build -c release --product vrplib-bench >/dev/null)
exec "$DEV/.build/release/vrplib-bench" "$@"
