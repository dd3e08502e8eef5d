import Accounts
import Composition
import FluentKit
import Foundation
import Logistics
import SQLKit
import LogisticsCore
import Storage
import TestDatabases
import Testing
import Vapor
import XiangcunKit

/// The built binary is killed with SIGKILL in the middle of a bulk ingest, started again, and
/// everything is resent: every acknowledged parcel (and its scan) is there, nothing twice.
@Suite(.serialized) struct LogisticsKillTests {
    static let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/xiangcun")
    static let batches = 24, perBatch = 500

    final class Server: @unchecked Sendable {
        let process = Process()
        init(_ config: DatabaseConfig, dir: String, port: Int) throws {
            process.executableURL = LogisticsKillTests.binary
            process.arguments = ["serve", "--data-dir", dir, "--port", "\(port)", "--insecure-cookies", "--log-format", "json"]
            var env = ProcessInfo.processInfo.environment
            if case .postgres(let url) = config { env["DATABASE_URL"] = url } else { env["DATABASE_URL"] = nil }
            process.environment = env
            process.standardOutput = FileHandle.nullDevice
            process.standardError = SuiteLog.processLog("kill-test-server") ?? FileHandle.nullDevice
            try process.run()
        }
        func kill9() { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        /// A failed or timed-out test must not leave its server on the port for the next run.
        deinit { if process.isRunning { kill9() } }
    }

    static func waitUntilUp(_ client: any Client, port: Int) async throws {
        for _ in 0..<300 {
            if (try? await client.get(URI(string: "http://127.0.0.1:\(port)/healthz")))?.status == .ok { return }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        throw TestEnvironmentError(description: "server did not start")
    }

    static func batch(_ b: Int, villages: [String]) -> [String: [ParcelInput]] {
        ["items": (0..<perBatch).map { i in
            let n = b * perBatch + i
            return ParcelInput(waybill: "KT\(10_000_000_000 + n)", carrier: "zto", villageCode: villages[n % villages.count],
                               recipientName: "测试", recipientPhone: "13800001111", weightGrams: 700)
        }]
    }

    static func send(_ client: any Client, port: Int, token: String, _ body: [String: [ParcelInput]]) async throws -> Bool {
        let r = try await client.post(URI(string: "http://127.0.0.1:\(port)/api/v1/logistics/parcels"), headers: ["Authorization": "Bearer \(token)"]) {
            try $0.content.encode(body, as: .json)
        }
        if r.status != .ok { print("kill test: HTTP \(r.status.code) \(r.body.map { String(buffer: $0) }?.prefix(300) ?? "")") }
        return r.status == .ok
    }

    @Test(arguments: Engine.all) func killedMidIngestKeepsEveryAcknowledgedScanOnce(_ engine: Engine) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else { throw TestEnvironmentError(description: "build the binary first") }
        let (config, cleanup) = try await freshDatabase(engine)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xc-kill-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let dbConfig: DatabaseConfig = { if case .sqlite = config { return .sqlite(path: dir + "/xiangcun.sqlite") }; return config }()
        let (token, villages) = try await StorageSession.with(dbConfig) { s in
            _ = try await DemoCounty.load(on: s.db, hasher: BcryptPasswordHasher(cost: 4))
            let admin = try #require(try await AccountService.findByUsername("suichang", on: s.db))
            let token = try await Tokens.create(for: admin, name: "kill", scopes: [.read, .write], actor: .cli("t"), on: s.db).1
            return (token, try await LogisticsSetup.sortingPlan(county: try DivisionCode(DemoCounty.countyCode), on: s.db).stationOfVillage.keys.sorted())
        }
        let port = engine == .sqlite ? 46_461 : 46_471  // this engineer's range (others run demo servers on 5646x)
        let clientApp = try await Application.make(.testing)
        defer { Task { try? await clientApp.asyncShutdown() } }
        var server = try Server(dbConfig, dir: dir, port: port)
        try await Self.waitUntilUp(clientApp.client, port: port)
        var acknowledged: [Int] = []
        // Kill while batch 6 is in flight: it may or may not have committed; it was not acknowledged.
        for b in 0..<Self.batches {
            if b == 6 {
                let victim = server
                Task { try? await Task.sleep(nanoseconds: 30_000_000); victim.kill9() }
            }
            guard (try? await Self.send(clientApp.client, port: port, token: token, Self.batch(b, villages: villages))) == true else { break }
            acknowledged.append(b)
        }
        server.kill9()
        #expect(acknowledged.count >= 6 && acknowledged.count < Self.batches)
        server = try Server(dbConfig, dir: dir, port: port)
        try await Self.waitUntilUp(clientApp.client, port: port)
        let county = try DivisionCode(DemoCounty.countyCode)
        try await StorageSession.with(dbConfig, migrate: false) { s in
            let waybills = acknowledged.flatMap { b in (0..<Self.perBatch).map { "KT\(10_000_000_000 + b * Self.perBatch + $0)" } }
            let found = try await ParcelQueries.byWaybill(waybills, county: county, on: s.db).count
            #expect(found == waybills.count)
        }
        for b in 0..<Self.batches {
            let ok = try await Self.send(clientApp.client, port: port, token: token, Self.batch(b, villages: villages))
            #expect(ok, "batch \(b) resent")
        }
        server.kill9()
        try await StorageSession.with(dbConfig, migrate: false) { s in
            let total = Self.batches * Self.perBatch
            #expect(try await Parcel.query(on: s.db).count() == total)
            #expect(try await ScanEvent.query(on: s.db).count() == total)
            let received = try await DailyRollup.rows(county: county.value, from: "2000-01-01", to: "2100-01-01", on: s.db).map { $0["received"] }.reduce(0, +)
            #expect(received == Int64(total))
            try await Self.expectConsistent(s.db, engine: engine)
        }
        try? FileManager.default.removeItem(atPath: dir)
        try await cleanup()
    }

    /// After the crash and the resend the database is consistent: no dangling reference (SQLite
    /// checks its foreign keys on demand; PostgreSQL never lets one in) and the daily rollup's
    /// intake counts equal a recomputation from the parcel rows, per day and carrier.
    static func expectConsistent(_ db: any Database, engine: Engine) async throws {
        let sql = try #require(db as? any SQLDatabase)
        if engine == .sqlite {
            #expect(try await sql.raw("PRAGMA foreign_key_check").all().isEmpty)
            let integrity = try await sql.raw("PRAGMA integrity_check").all().first.map { try $0.decode(column: "integrity_check", as: String.self) }
            #expect(integrity == "ok")
        }
        struct Count: Decodable, Equatable { var day: String; var carrier: String; var n: Int64 }
        let raw = try await sql.raw("SELECT intake_day AS day, carrier_code AS carrier, COUNT(*) AS n FROM logistics_parcels GROUP BY intake_day, carrier_code ORDER BY 1, 2")
            .all(decoding: Count.self)
        let rolled = try await sql.raw("SELECT day, carrier_code AS carrier, CAST(SUM(received) AS BIGINT) AS n FROM logistics_daily WHERE received > 0 GROUP BY day, carrier_code ORDER BY 1, 2")
            .all(decoding: Count.self)
        #expect(raw == rolled)
    }
}
