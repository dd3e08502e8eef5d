import ArgumentParser
import Foundation
import Routing

/// `xiangcun route …`: vehicle routing. The logic lives in the Routing module (`RouteSolveRunner`).
public struct RouteCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Plan vehicle routes (CVRPLIB .vrp or domain .json problems).",
        subcommands: [RouteSolveCommand.self])

    public init() {}
}

/// `xiangcun route solve FILE [--seconds N] [--seed S] [--threads T] [--iterations K] [--out FILE]`
public struct RouteSolveCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve a problem file, verify the result with the independent checker, print the cost.")

    @Argument(help: "Problem file: .vrp (CVRPLIB, or the VRPLIB dialect of HFVRP, MDVRPTW, MTVRPTWR) or .json (see docs/routing.md).")
    public var file: String

    @Option(help: "Time limit in seconds.")
    public var seconds: Double = 10

    @Option(help: "Random seed (runs with the same seed and --iterations are identical).")
    public var seed: UInt64 = 1

    @Option(help: "Independent searches run in parallel (seeds seed, seed+1, …); the best is kept.")
    public var threads: Int = 1

    @Option(help: "Stop after this many iterations instead of the time limit.")
    public var iterations: Int?

    @Option(help: "Write the solution to this file (.sol for .vrp input, .json).")
    public var out: String?

    public init() {}

    public func run() throws {
        var options = RouteSolveRunner.Options(path: file)
        options.seconds = seconds
        options.seed = seed
        options.threads = max(1, threads)
        options.iterations = iterations
        options.outputPath = out
        do {
            let outcome = try RouteSolveRunner.run(options)
            print(outcome.summary)
            if out == nil { print(outcome.solutionText, terminator: "") }
            if !outcome.feasible { throw ExitCode(2) }
        } catch let error as RoutingError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }
}
