import Accounts
import ArgumentParser
import Documents
import ProgrammeCore
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
        try await run(["demo", "load", "--parcel-days", "0", "--data-dir", dir])
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

@Suite("Programme on the command line", .serialized)
struct ProgrammeCLITests {
    func run(_ arguments: [String]) async throws {
        var command = try XiangcunCommand.parseAsRoot(arguments)
        if var async = command as? any AsyncParsableCommand { try await async.run() } else { try command.run() }
    }

    @Test func reportsAndImport() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xc-cli-p-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await run(["demo", "load", "--parcel-days", "0", "--data-dir", dir])
        try await run(["report", "funds", "--county", "331123", "--format", "json", "--out", dir + "/funds.json", "--data-dir", dir])
        let json = try String(contentsOfFile: dir + "/funds.json", encoding: .utf8)
        #expect(json.contains("\"contracted\" : \"1910.00\""))
        #expect(json.contains("\"allocated\" : \"2000.00\""))
        #expect(json.contains("\"rate\" : \"50.00%\""))
        try await run(["report", "funds", "--county", "331123", "--format", "xlsx", "--out", dir + "/funds.xlsx", "--data-dir", dir])
        #expect(try XLSX.read(Data(contentsOf: URL(fileURLWithPath: dir + "/funds.xlsx"))).sheets.count == 1)
        try await run(["report", "funds", "--county", "331123", "--format", "csv", "--out", dir + "/funds.csv", "--data-dir", dir])
        #expect(try CSV.read(Data(contentsOf: URL(fileURLWithPath: dir + "/funds.csv"))).records.contains { $0.fields.contains("1910.00") || $0.fields.contains("1910") })
        try await run(["report", "self-assessment", "--county", "331123", "--as-of", "2021-12-02", "--out", dir + "/report.docx", "--data-dir", dir])
        #expect((try Data(contentsOf: URL(fileURLWithPath: dir + "/report.docx"))).starts(with: Data("PK".utf8)))
        do {
            try await run(["report", "funds", "--county", "331124", "--format", "json", "--data-dir", dir])
            Issue.record("a county without a programme must fail")
        } catch { #expect("\(error)".contains("no programme")) }
        // A county code must be one: short forms of other lengths and bad dates are refused by name.
        for (arguments, expected) in [(["funds", "--format", "json", "--county", "33112"], "--county"),
                                      (["funds", "--format", "json", "--county", "3311230"], "--county"),
                                      (["self-assessment", "--county", "331123", "--as-of", "2021-13-01", "--out", dir + "/x.docx"], "--as-of")] {
            do {
                try await run(["report"] + arguments + ["--data-dir", dir])
                Issue.record("\(arguments) must be refused")
            } catch { #expect("\(error)".contains(expected), "\(arguments): \(error)") }
        }
        // Import the demo CSV folder again: refused without --replace, accepted with it.
        let folder = dir + "/plan"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, data) in try DemoProgramme.csvSheets() { try data.write(to: URL(fileURLWithPath: folder + "/" + name + ".csv")) }
        do {
            try await run(["import", "programme", folder, "--data-dir", dir])
            Issue.record("a second import of the same batch must be refused")
        } catch { #expect("\(error)".contains("already exists")) }
        try await run(["import", "programme", folder, "--replace", "--data-dir", dir])
        try Data("项目,内容\n县代码,abc\n".utf8).write(to: URL(fileURLWithPath: folder + "/方案.csv"))
        do {
            try await run(["import", "programme", folder, "--replace", "--data-dir", dir])
            Issue.record("a broken workbook must fail")
        } catch { #expect("\(error)".contains("方案")) }
    }
}
