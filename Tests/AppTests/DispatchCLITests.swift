import ArgumentParser
import Documents
import Foundation
import Testing
@testable import XiangcunCLI

/// `xiangcun dispatch plan`, in-process on a temporary SQLite data directory.
@Suite("Dispatch command", .serialized)
struct DispatchCLITests {
    func run(_ arguments: [String]) async throws {
        var command = try XiangcunCommand.parseAsRoot(arguments)
        if var async = command as? any AsyncParsableCommand { try await async.run() } else { try command.run() }
    }

    @Test func planPrintsTheSavingAndWritesManifests() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xc-dispcli-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await run(["demo", "load", "--data-dir", dir])
        try await run(["dispatch", "plan", "--county", "331123", "--date", "2026-12-02", "--iterations", "200", "--out", dir + "/out", "--data-dir", dir])
        let rows = try CSV.read(try Data(contentsOf: URL(fileURLWithPath: dir + "/out/manifests.csv"))).records
        #expect(rows.count > 20)
        #expect(rows[0].fields.first == "车辆 Vehicle")
        let svg = try String(contentsOfFile: dir + "/out/routes.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && !svg.contains("<script"))
        do {
            try await run(["dispatch", "plan", "--county", "331123", "--date", "2026-13-40", "--data-dir", dir])
            Issue.record("a bad date must fail")
        } catch { #expect("\(error)".contains("--date")) }
    }
}
