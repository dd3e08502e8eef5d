import ArgumentParser
import Foundation
import Routing

/// `xiangcun bench routing`: CVRPLIB X instances against best-known solutions, a VRPLIB set
/// (`--set HFVRP|MDVRPTW|MTVRPTWR|X-large`) against its best-known solutions, or (`--variants`)
/// generated county instances against a nearest-neighbour baseline. Logic: `CVRPBenchmark`,
/// `VRPLIBBenchmark`, `VariantBenchmark` in the Routing module.
public struct BenchRoutingCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "routing",
        abstract: "Benchmark the route planner (CVRPLIB X instances, a VRPLIB set with --set, or county variants with --variants).")

    @Option(help: "Seconds per instance.")
    public var seconds: Double = 10

    @Option(help: "Folder with .vrp instances and bks.csv.")
    public var instances: String = "../shared/data/cvrp"

    @Option(help: "Random seed.")
    public var seed: UInt64 = 1

    @Option(help: "Only the first K instances (smallest first).")
    public var limit: Int?

    @Option(help: "Only instances whose file name contains this text.")
    public var filter: String?

    @Option(help: "Independent parallel searches per instance (best kept).")
    public var threads: Int = 1

    @Flag(help: "Run the generated county instances (pick-up & delivery, time windows, shifts, periodic SLAs) against a baseline.")
    public var variants = false

    @Option(help: "A VRPLIB set: HFVRP, MDVRPTW, MTVRPTWR or X-large (instances and best-known solutions in DATA/SET).")
    public var set: String?

    @Option(help: "Folder holding the VRPLIB sets (with --set).")
    public var data: String = "../shared/data/vrp"

    @Option(help: "With --set: write each solution as NAME.sol into this folder.")
    public var solutions: String?

    @Flag(help: "With --set: count --seconds (and every reported time) in CPU seconds of this process, not wall-clock seconds (a loaded machine).")
    public var cpuTime = false

    public init() {}

    public func run() throws {
        do throws(RoutingError) {
            if let set {
                guard VRPLIBBenchmark.sets.contains(set) else {
                    throw RoutingError(.invalidField, field: "--set", "expected one of \(VRPLIBBenchmark.sets.joined(separator: ", ")), got '\(set)'")
                }
                var options = VRPLIBBenchmark.Options(directory: (data as NSString).appendingPathComponent(set))
                options.seconds = seconds
                options.seed = seed
                options.limit = limit
                options.filter = filter
                options.solutionDirectory = solutions
                options.cpuTime = cpuTime
                _ = try VRPLIBBenchmark.run(options) { line in
                    print(line)
                    fflush(nil)
                }
            } else if variants {
                _ = try VariantBenchmark.run(seconds: seconds, seed: seed, threads: max(1, threads), limit: limit) { line in
                    print(line)
                    fflush(nil)
                }
            } else {
                var options = CVRPBenchmark.Options(directory: instances)
                options.seconds = seconds
                options.seed = seed
                options.limit = limit
                options.filter = filter
                options.threads = max(1, threads)
                _ = try CVRPBenchmark.run(options) { line in
                    print(line)
                    fflush(nil)
                }
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }
}
