import ArgumentParser
import XiangcunKit

/// `xiangcun`: the server and the administration commands of one installation.
public struct XiangcunCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "xiangcun",
        abstract: "乡村电商 Xiangcun — software for a county's rural e-commerce demonstration programme.",
        version: XiangcunVersion.current,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, DemoCommand.self, UserCommand.self, ImportCommand.self,
            ReportCommand.self, BackupCommand.self, RestoreCommand.self, MigrateDataCommand.self, VersionCommand.self,
            RouteCommand.self, BenchCommand.self, LabelsCommand.self, RecallCommand.self, DispatchCommand.self, StatsCommand.self,
        ]
    )

    public init() {}
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")
    func run() { print("xiangcun \(XiangcunVersion.current)") }
}

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks (not part of the test suite).",
        subcommands: [BenchRoutingCommand.self, BenchTraceCommand.self])
}
