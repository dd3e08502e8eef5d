import ArgumentParser
import FluentKit
import Foundation
import Logging
import SQLKit
import Storage
import Trace
import TraceCore
import Vapor
import Web
import XiangcunKit

/// `xiangcun bench trace`: the public trace page over loopback beside a bare route of the same
/// server in the same run (throughput ratio, p50/p99), and the recall query for a batch with
/// 10,000 downstream items. Generates its own data in a fresh database (a temporary SQLite
/// file unless --data-dir / DATABASE_URL say otherwise).
struct BenchTraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trace", abstract: "Benchmark the public trace page and the recall query.")
    @ArgumentParser.Option(help: "Batches to generate.") var batches = 100_000
    @ArgumentParser.Option(help: "Events per batch.") var eventsPerBatch = 10
    @ArgumentParser.Option(help: "Downstream items of the recalled batch.") var fanout = 10_000
    @ArgumentParser.Option(help: "Seconds of load per route.") var seconds = 10
    @ArgumentParser.Option(help: "Concurrent connections.") var concurrency = 8
    @ArgumentParser.Option(help: "Loopback port.") var port = 56999
    @ArgumentParser.Option(help: "Folder for the SQLite database (default: a new temporary folder).") var dataDir: String?

    static let county = "331123000000"

    func run() async throws {
        let dir = dataDir ?? FileManager.default.temporaryDirectory.appendingPathComponent("xc-bench-trace-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let config = DatabaseConfig.resolve(dataDir: dir)
        print("database: \(config.safeDescription)")
        let (products, root) = try await StorageSession.with(config) { session in
            let clock = ContinuousClock.now
            let data = try await BenchTraceData.generate(batches: batches, eventsPerBatch: eventsPerBatch, fanout: fanout, county: Self.county, on: session.db)
            print("generated \(batches) batches, \(batches * eventsPerBatch) events, recall fan-out \(fanout) in \(ContinuousClock.now - clock)")
            var times: [Double] = []
            for _ in 0..<5 {
                let start = DispatchTime.now().uptimeNanoseconds
                let rows = try await RecallQuery.downstream(of: data.root, county: Self.county, on: session.db)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                if times.count == 1 { print("recall: \(rows.filter { $0.kind == .item }.count - 1) downstream items, \(rows.filter { $0.kind == .shipment }.count) shipments") }
            }
            print(String(format: "recall query: min %.1f ms, median %.1f ms (5 runs)", times.min() ?? 0, times.sorted()[2]))
            return (data.products, data.root)
        }
        _ = root
        try await serveAndLoad(config: config, dir: dir, products: products)
    }

    func serveAndLoad(config: DatabaseConfig, dir: String, products: Int) async throws {
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
        let perProduct = max(1, batches / products)
        let bare = try await BenchLoad.run(client: client, seconds: seconds, concurrency: concurrency) { _ in base + "/healthz" }
        let trace = try await BenchLoad.run(client: client, seconds: seconds, concurrency: concurrency) { n in
            let i = (n &* 7919) % batches
            return base + "/t/BP\(i / perProduct)/10/L\(i)"
        }
        try await client.shutdown()
        await app.server.shutdown()
        try await app.asyncShutdown()
        print(bare.line("bare route /healthz"))
        print(trace.line("public trace page"))
        print(String(format: "throughput ratio trace/bare: %.0f %%", trace.perSecond / max(bare.perSecond, 1) * 100))
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
