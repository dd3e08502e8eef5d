import ArgumentParser
import Documents
import Foundation
import Testing
@testable import XiangcunCLI

/// `xiangcun import stations` and `xiangcun report coverage`, in-process on a temporary SQLite data directory.
@Suite("Network commands", .serialized)
struct NetworkCLITests {
    func run(_ arguments: [String]) async throws {
        var command = try XiangcunCommand.parseAsRoot(arguments)
        if var async = command as? any AsyncParsableCommand { try await async.run() } else { try command.run() }
    }

    @Test func importStationsAndReportCoverage() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xc-netcli-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await run(["demo", "load", "--parcel-days", "0", "--data-dir", dir])
        let good = dir + "/stations.csv"
        try Data("名称,类型,区划代码,状态,状态日期,服务项目\n命令行测试站,村级服务站,331123102211,运营中,2024-01-01,快递收发\n".utf8)
            .write(to: URL(fileURLWithPath: good))
        try await run(["import", "stations", good, "--county", "331123", "--data-dir", dir])
        let bad = dir + "/bad.csv"
        try Data("名称,类型,区划代码\n好站,村级服务站,331123102210\n坏站,村级服务站,12345\n".utf8).write(to: URL(fileURLWithPath: bad))
        do {
            try await run(["import", "stations", bad, "--county", "331123", "--data-dir", dir])
            Issue.record("a bad ledger must fail")
        } catch {
            #expect("\(error)".contains("Row 3, column C"))
            #expect("\(error)".contains("nothing imported"))
        }
        let xlsx = dir + "/coverage.xlsx"
        try await run(["report", "coverage", "--county", "331123", "--as-of", "2024-06-30", "--format", "xlsx", "--out", xlsx, "--data-dir", dir])
        let book = try XLSX.read(try Data(contentsOf: URL(fileURLWithPath: xlsx)))
        #expect(book.sheets.first?.rows.contains { $0.texts.first == "合计" } == true)
        let json = dir + "/coverage.json"
        try await run(["report", "coverage", "--county", "331123000000", "--format", "json", "--out", json, "--data-dir", dir])
        let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        let indicators = object?["indicators"] as? [String: Int]
        #expect(indicators?["villages"] == 203)
        let csv = dir + "/coverage.csv"
        try await run(["report", "coverage", "--county", "331123", "--format", "csv", "--out", csv, "--data-dir", dir])
        #expect(try CSV.read(try Data(contentsOf: URL(fileURLWithPath: csv))).records.count == 22)
        do {
            try await run(["report", "coverage", "--county", "331123", "--format", "pdf", "--data-dir", dir])
            Issue.record("unknown format must fail")
        } catch { #expect("\(error)".contains("xlsx, csv or json")) }
    }
}
