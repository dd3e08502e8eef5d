import Accounts
import ArgumentParser
import FluentKit
import Foundation
import Testing
@testable import XiangcunCLI

/// The commands run in-process against a temporary SQLite data directory.
@Suite("Command line", .serialized)
struct CLITests {
    func dataDir() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("xc-cli-\(UUID().uuidString)").path
    }

    func run(_ arguments: [String]) async throws {
        var command = try XiangcunCommand.parseAsRoot(arguments)
        if var async = command as? any AsyncParsableCommand {
            try await async.run()
        } else {
            try command.run()
        }
    }

    @Test func importUserAndBackupCommands() async throws {
        let dir = dataDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await run(["demo", "load", "--data-dir", dir])
        let good = dir + "/villages.csv"
        try Data("331123102290,命令行村,220\n".utf8).write(to: URL(fileURLWithPath: good))
        try await run(["import", "divisions", good, "--data-dir", dir])
        let bad = dir + "/bad.csv"
        try Data("331123102291,好村,220\n12345,坏村\n".utf8).write(to: URL(fileURLWithPath: bad))
        do {
            try await run(["import", "divisions", bad, "--data-dir", dir])
            Issue.record("a bad file must fail")
        } catch {
            #expect("\(error)".contains("line 2"))
        }
        do {
            try await run(["user", "add", "--username", "x", "--name", "X", "--role", "nobody", "--data-dir", dir])
            Issue.record("unknown role must fail")
        } catch {
            #expect("\(error)".contains("unknown role"))
        }
        try await run(["user", "add", "--username", "newop", "--name", "新站长", "--role", "stationOperator", "--county", "331123", "--data-dir", dir])
        try await run(["user", "disable", "newop", "--data-dir", dir])
        try await run(["backup", "--out", dir + "/copy.sqlite", "--data-dir", dir])
        #expect(FileManager.default.fileExists(atPath: dir + "/copy.sqlite"))
        do {
            try await run(["migrate", "--revert", "--data-dir", dir])
            Issue.record("revert without --yes must fail")
        } catch {
            #expect("\(error)".contains("--yes"))
        }
        try await run(["migrate", "--revert", "--yes", "--data-dir", dir])
        try await run(["migrate", "--data-dir", dir])
    }

    @Test func helpIsUseful() throws {
        let help = XiangcunCommand.helpMessage(for: UserCommand.Add.self)
        #expect(help.contains("--username"))
        #expect(help.contains("systemAdmin"))
    }
}
