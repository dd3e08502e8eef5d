import Accounts
import Audit
import ArgumentParser
import Composition
import FluentKit
import Foundation
import Logistics
import LogisticsCore
import Storage
import Vapor
import Web
import XiangcunKit

/// `xiangcun bench ingest [--database sqlite|postgres]`: the bulk API over loopback (a server
/// in this process, a fresh database, the demo county, `--clients` posting at once) against
/// plain multi-row inserts of the same rows into fresh databases of the same engine, in the same
/// run: with one writer and with as many writers as clients; the faster is the baseline.
struct BenchIngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ingest", abstract: "Bulk parcel/scan ingest over loopback vs raw inserts.",
                                                    discussion: "PostgreSQL: --postgres-url names a server where databases may be created (they are dropped after).")
    @ArgumentParser.Option(help: "sqlite or postgres.") var database = "sqlite"
    @ArgumentParser.Option(help: "Administrative PostgreSQL URL (postgres only).") var postgresURL: String?
    @ArgumentParser.Option(help: "Parcels (each gives two scans: received, sorted).") var parcels = 40_000
    @ArgumentParser.Option(help: "Items per API batch.") var batch = 2_000
    @ArgumentParser.Option(help: "API clients posting at once (scanners, carriers' systems); also the raw side's second writer count.") var clients = 4
    @ArgumentParser.Option(help: "Loopback port of the server under test.") var port = 18_461
    @ArgumentParser.Option(help: "Runs: each side measured this many times, interleaved, each on fresh databases; medians compared.") var runs = 3

    func run() async throws {
        guard ["sqlite", "postgres"].contains(database) else { throw UserFacingError("--database: sqlite or postgres") }
        guard clients >= 1, batch >= 1, parcels >= 1, runs >= 1 else { throw UserFacingError("--clients, --batch, --parcels and --runs: at least 1") }
        let county = try DivisionCode(DemoCounty.countyCode)
        let scans = Double(parcels * 2)
        print(String(format: "engine %@  parcels %d  scans %d  batch %d  clients %d  runs %d", database, parcels, parcels * 2, batch, clients, runs))
        var api: [Double] = [], raw1: [Double] = [], rawN: [Double] = [], rss = 0.0
        for run in 1...runs {
            let (seconds, stations) = try await BenchDatabases.onFresh(database, postgresURL) { try await endToEnd($0, county: county) }
            api.append(seconds)
            // The peak is read before any raw side runs (their statements are all built up front).
            if run == 1 { rss = BenchDatabases.peakRSSMegabytes() }
            raw1.append(try await BenchDatabases.onFresh(database, postgresURL) {
                try await BenchIngestRaw.run($0, county: county, stations: stations, parcels: parcels, batch: batch, writers: 1)
            })
            rawN.append(try await BenchDatabases.onFresh(database, postgresURL) {
                try await BenchIngestRaw.run($0, county: county, stations: stations, parcels: parcels, batch: batch, writers: clients)
            })
            print(String(format: "run %d: end to end %.0f scans/s, raw 1 writer %.0f, raw %d writers %.0f", run, scans / seconds, scans / raw1[run - 1],
                         clients, scans / rawN[run - 1]))
        }
        // The medians: one run disturbed by the machine (another process, the disk) moves neither side.
        let apiSeconds = median(api), rawSeconds = min(median(raw1), median(rawN))
        print(String(format: "end to end (API over loopback):   %.0f scans/s (median %.2f s)", scans / apiSeconds, apiSeconds))
        print(String(format: "raw insert, same rows, 1 writer:  %.0f scans/s (median %.2f s)", scans / median(raw1), median(raw1)))
        print(String(format: "raw insert, same rows, %d writers: %.0f scans/s (median %.2f s)", clients, scans / median(rawN), median(rawN)))
        print(String(format: "ratio end to end / faster raw: %.0f %%   peak RSS during end to end (server + client): %.0f MB", 100 * rawSeconds / apiSeconds, rss))
    }

    func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Starts the app on loopback, loads the demo county, posts parcels then their `sorted` scans.
    /// Returns the seconds and the station of each village (what the raw side writes).
    func endToEnd(_ config: DatabaseConfig, county: DivisionCode) async throws -> (Double, [String: UUID]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xc-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let app = try await Application.make(Environment(name: "production", arguments: ["xiangcun"]))
        do {
            try await configure(app, settings: AppSettings(database: config, dataDir: dir, secureCookies: false, bcryptCost: 4))
            try await app.autoMigrate()
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            // The county's scan partitions exist, as the server makes them ahead (PostgreSQL).
            _ = try await LogisticsPartitions.ensure(county: county.value, on: app.db)
            guard let admin = try await AccountService.findByUsername("suichang", on: app.db) else { throw UserFacingError("demo account missing") }
            let (_, token) = try await Tokens.create(for: admin, name: "bench", scopes: [.read, .write], actor: .cli("bench"), on: app.db)
            let stations = try await LogisticsSetup.sortingPlan(county: county, on: app.db).stationOfVillage
            let villages = stations.keys.sorted()
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = port
            try app.server.start()
            // The request bodies are what a scanner or a carrier's system sends: made before the
            // clock starts, so the time is the server's (this process also runs the client).
            let encoder = JSONEncoder()
            var bodies: [(String, Data)] = []
            for start in stride(from: 0, to: parcels, by: batch) {
                let items = (start..<min(start + batch, parcels)).map { BenchIngestRaw.input($0, villages: villages) }
                bodies.append(("/api/v1/logistics/parcels", try encoder.encode(["items": items])))
            }
            for start in stride(from: 0, to: parcels, by: batch) {
                let items = (start..<min(start + batch, parcels)).map { ScanInput(waybill: BenchIngestRaw.waybill($0), kind: "sorted") }
                bodies.append(("/api/v1/logistics/scans", try encoder.encode(["items": items])))
            }
            // Parcels first, then their scans; within each, `clients` posting at once.
            let half = bodies.count / 2
            try await BenchDatabases.settle(app.db)
            let started = Date()
            for (name, phase) in [("parcels", Array(bodies[..<half])), ("scans", Array(bodies[half...]))] {
                let heldBefore = await AsyncGate.sqliteWrites.held, phaseStarted = Date()
                try await BenchDatabases.inParallel(phase.count, workers: clients) { i in try await post(phase[i].0, phase[i].1, token: token, app: app) }
                let held = await AsyncGate.sqliteWrites.held - heldBefore
                let lock = held > .zero ? String(format: ", SQLite write lock held %.2f s", Double(held.components.seconds) + Double(held.components.attoseconds) / 1e18) : ""
                print(String(format: "end to end, %@ batches: %.2f s%@", name, Date().timeIntervalSince(phaseStarted), lock))
            }
            let seconds = Date().timeIntervalSince(started)
            await app.server.shutdown()
            try await app.asyncShutdown()
            try? FileManager.default.removeItem(atPath: dir)
            return (seconds, stations)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    func post(_ path: String, _ body: Data, token: String, app: Application) async throws {
        let headers: HTTPHeaders = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
        let response = try await app.client.post(URI(string: "http://127.0.0.1:\(port)\(path)"), headers: headers) { req in
            req.body = ByteBuffer(data: body)
        }
        guard response.status == .ok else { throw UserFacingError("\(path): HTTP \(response.status.code) \(response.body.map { String(buffer: $0) } ?? "")") }
    }
}
