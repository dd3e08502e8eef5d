import ArgumentParser
import Commerce
import Documents
import FluentKit
import Foundation
import Storage
import Testing
import XiangcunKit
@testable import XiangcunCLI

/// `xiangcun import attendance` and `xiangcun report training`, in-process on a temporary SQLite data directory.
@Suite("Commerce commands", .serialized)
struct CommerceCLITests {
    func run(_ arguments: [String]) async throws {
        var command = try XiangcunCommand.parseAsRoot(arguments)
        if var async = command as? any AsyncParsableCommand { try await async.run() } else { try command.run() }
    }

    @Test func importAttendanceAndReportTraining() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xc-comcli-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await run(["demo", "load", "--parcel-days", "0", "--data-dir", dir])
        let session = try await StorageSession.with(.sqlite(path: dir + "/xiangcun.sqlite")) { store in
            try #require(try await TrainingSession.query(on: store.db).filter(\.$paired == false).first()).requireID()
        }
        let body = "33112319900101001"
        let id = body + String(Identifiers.idNumberCheck(body) ?? "?")
        let bad = dir + "/bad.csv"
        try Data("姓名,身份证号\n王丽,\(id)\n李强,123\n".utf8).write(to: URL(fileURLWithPath: bad))
        do {
            try await run(["import", "attendance", bad, "--session", session.uuidString, "--data-dir", dir])
            Issue.record("a bad sheet must fail")
        } catch {
            #expect("\(error)".contains("Row 3, column B") && "\(error)".contains("nothing imported"))
        }
        let good = dir + "/good.csv"
        try Data("姓名,身份证号,乡镇\n王丽,\(id),妙高街道\n".utf8).write(to: URL(fileURLWithPath: good))
        try await run(["import", "attendance", good, "--session", session.uuidString, "--data-dir", dir])
        let xlsx = dir + "/training.xlsx"
        try await run(["report", "training", "--county", "331123", "--out", xlsx, "--data-dir", dir])
        let book = try XLSX.read(try Data(contentsOf: URL(fileURLWithPath: xlsx)))
        #expect(book.sheets.count == 3)
        let total = book.sheets.first?.rows.first { $0.texts.first == "合计" }?.texts
        #expect(total?[2] == "1367") // the demo's 1,366 person-times and the one just signed in
        let csv = dir + "/training.csv"
        try await run(["report", "training", "--county", "331123", "--format", "csv", "--out", csv, "--data-dir", dir])
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: csv)), as: UTF8.self)
        #expect(text.contains(Identifiers.maskIDNumber(id)) && !text.contains(id))
        do {
            try await run(["report", "training", "--county", "331123", "--format", "pdf", "--out", csv, "--data-dir", dir])
            Issue.record("unknown format must fail")
        } catch { #expect("\(error)".contains("xlsx or csv")) }
    }
}
