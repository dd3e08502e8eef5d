import ArgumentParser
import FluentKit
import Foundation
import Logging
import SQLKit
import Statistics
import Storage
import Trace
import TraceCore
import Vapor
import Web
import XiangcunKit

/// `xiangcun bench trace`: the public trace page over loopback beside a bare route of the same
/// server in the same run (throughput ratio, p50/p99), and the recall query for a batch with
/// `fanout` downstream items. Generates its own data (bulk SQL) in a fresh database, or with
/// `--reuse` in the one `--data-dir` / `--postgres-url` names, generated there once and kept.
struct BenchTraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trace", abstract: "Benchmark the public trace page and the recall query.",
                                                    discussion: "PostgreSQL: --postgres-url names a server where a database may be created (dropped after); with --reuse, the database itself.")
    @ArgumentParser.Option(help: "sqlite or postgres.") var database = "sqlite"
    @ArgumentParser.Option(help: "PostgreSQL URL (postgres only).") var postgresURL: String?
    @ArgumentParser.Option(help: "Folder of the SQLite database with --reuse.") var dataDir: String?
    @ArgumentParser.Flag(help: "Keep the data: generate it only when the database has none.") var reuse = false
    @ArgumentParser.Option(help: "Batches to generate.") var batches = 1_000_000
    @ArgumentParser.Option(help: "Events per batch.") var eventsPerBatch = 10
    @ArgumentParser.Option(help: "Downstream items of the recalled batch.") var fanout = 10_000
    @ArgumentParser.Option(help: "Batches whose labels are scanned again and again (the hot run).") var hot = 1_000
    @ArgumentParser.Option(help: "Seconds of load per route.") var seconds = 10
    @ArgumentParser.Option(help: "Concurrent connections.") var concurrency = 8
    @ArgumentParser.Option(help: "Loopback port.") var port = 56999

    static let county = "331123000000"

    func run() async throws {
        guard ["sqlite", "postgres"].contains(database) else { throw UserFacingError("--database: sqlite or postgres") }
        let (config, drop) = try await storage()
        print("database: \(config.safeDescription)")
        try await StorageSession.with(config) { session in
            try await prepare(on: session.db)
            var times: [Double] = []
            for run in 0..<5 {
                let start = DispatchTime.now().uptimeNanoseconds
                let rows = try await RecallQuery.downstream(of: SyntheticTraceData.root, county: Self.county, on: session.db)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                if run == 0 { print("recall: \(rows.filter { $0.kind == .item }.count - 1) downstream items, \(rows.filter { $0.kind == .shipment }.count) shipments") }
            }
            print(String(format: "recall of the %d-item batch (query + rows): min %.1f ms, median %.1f ms (5 runs)", fanout, times.min() ?? 0, times.sorted()[2]))
        }
        try await serveAndLoad(config: config)
        try await drop()
        print("load average: " + ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func storage() async throws -> (DatabaseConfig, @Sendable () async throws -> Void) {
        guard reuse else { return try await BenchDatabases.fresh(database, postgresURL) }
        if database == "postgres" {
            guard let postgresURL else { throw UserFacingError("--postgres-url is needed for --database postgres") }
            return (.postgres(url: postgresURL), {})
        }
        let dir = dataDir ?? "./bench-trace"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return (.sqlite(path: URL(fileURLWithPath: dir).appendingPathComponent("xiangcun.sqlite").path), {})
    }

    /// Generates the data unless it is there; the county-version triggers are off while the
    /// rows go in (one bump per row would double the time) and the version is bumped once after.
    func prepare(on db: any Database) async throws {
        if try await Product.query(on: db).filter(\.$code == "BP0").first() != nil {
            print("reusing the generated data: \(try await Batch.query(on: db).count()) batches")
            return
        }
        let clock = ContinuousClock.now
        try await CountyVersions.dropTriggers(on: db, tables: WatchTraceTables.tables, keepFunctions: true)
        try await SyntheticTraceData.generate(batches: batches, eventsPerBatch: eventsPerBatch, county: Self.county, on: db)
        try await SyntheticTraceData.fanOut(fanout, county: Self.county, on: db)
        try await CountyVersions.installTriggers(on: db, tables: WatchTraceTables.tables)
        if let sql = db as? any SQLDatabase {
            try await sql.raw("ANALYZE").run()
        }
        print("generated \(batches) batches, \(batches * eventsPerBatch) events, recall fan-out \(fanout) in \(ContinuousClock.now - clock)")
    }

    func serveAndLoad(config: DatabaseConfig) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xc-bench-trace-\(UUID().uuidString)").path
        let env = Environment(name: "production", arguments: ["xiangcun", "serve", "--hostname", "127.0.0.1", "--port", "\(port)"])
        let app = try await Application.make(env)
        app.logger.logLevel = .error
        var settings = AppSettings(database: config, dataDir: dir)
        settings.secureCookies = false
        try await configure(app, settings: settings)
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = port
        try app.server.start()
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let base = "http://127.0.0.1:\(port)"
        let per = SyntheticTraceData.perProduct(batches: batches, products: SyntheticTraceData.products(batches: batches))
        let (all, hot) = (batches, max(1, min(self.hot, batches)))
        @Sendable func page(_ i: Int) -> String { base + "/t/BP\(i / per)/10/L\(i)" }
        let bare = try await BenchLoad.run(client: client, seconds: seconds, concurrency: concurrency) { _ in base + "/healthz" }
        // Hot: the same labels scanned again and again (the cached page), each asked once before
        // the clock starts — otherwise most of a short run is first views. Cold: every request a
        // batch not asked for before in this run (render from the database).
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    for n in stride(from: worker, to: hot, by: concurrency) {
                        _ = try await client.execute(request: try HTTPClient.Request(url: page(n &* 7919 % all))).get()
                    }
                }
            }
            try await group.waitForAll()
        }
        let hotRun = try await BenchLoad.run(client: client, seconds: seconds, concurrency: concurrency) { n in page((n % hot) &* 7919 % all) }
        let coldRun = try await BenchLoad.run(client: client, seconds: seconds, concurrency: concurrency) { n in page((n &+ hot) &* 7919 % all) }
        try await client.shutdown()
        await app.server.shutdown()
        try await app.asyncShutdown()
        print(bare.line("bare route /healthz"))
        for (name, r) in [("trace page, \(hot) labels scanned again and again", hotRun), ("trace page, every request another batch", coldRun)] {
            print(r.line(name) + String(format: " — %.0f %% of the bare route", r.perSecond / max(bare.perSecond, 1) * 100))
        }
    }
}

/// A closed-loop load over loopback: `concurrency` clients, each sending its next request when
/// the last one is answered, for `seconds`.
enum BenchLoad {
    struct Result {
        var count: Int
        var errors: Int
        var seconds: Double
        var latencies: [Double]
        var perSecond: Double { Double(count) / seconds }
        func percentile(_ p: Double) -> Double { latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        func line(_ name: String) -> String {
            String(format: "%@: %.0f req/s, p50 %.2f ms, p99 %.2f ms, %d requests, %d errors", name, perSecond, percentile(0.5), percentile(0.99), count, errors)
        }
    }

    static func run(client: HTTPClient, seconds: Int, concurrency: Int, url: @escaping @Sendable (Int) -> String) async throws -> Result {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds) * 1_000_000_000
        let start = DispatchTime.now().uptimeNanoseconds
        let parts = try await withThrowingTaskGroup(of: ([Double], Int).self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var lat: [Double] = [], errors = 0, n = worker
                    while DispatchTime.now().uptimeNanoseconds < deadline {
                        let t0 = DispatchTime.now().uptimeNanoseconds
                        let response = try await client.execute(request: try HTTPClient.Request(url: url(n))).get()
                        if response.status != .ok { errors += 1 }
                        lat.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
                        n += concurrency
                    }
                    return (lat, errors)
                }
            }
            var all: [([Double], Int)] = []
            for try await part in group { all.append(part) }
            return all
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let latencies = parts.flatMap(\.0).sorted()
        return Result(count: latencies.count, errors: parts.map(\.1).reduce(0, +), seconds: elapsed, latencies: latencies)
    }
}
