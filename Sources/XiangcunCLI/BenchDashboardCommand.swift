import Accounts
import ArgumentParser
import Composition
import Divisions
import Documents
import FluentKit
import Foundation
import Logistics
import SQLKit
import Statistics
import StatisticsCore
import Trace
import XiangcunKit

/// `xiangcun bench dashboard` — fills an empty database with five years of a large county (the
/// demo county's network and programme, ≈ 3 million parcels with their scans and daily rollup,
/// 5,000 trace batches scanned ≈ 30 million times, 50,000 training attendances, shop rows every
/// month) and a province of smaller counties (monthly figures and shop rows), all written by the
/// database itself (`BenchDashboardData`, `LogisticsDemo`) with the rollups built by SQL; then
/// times the dashboards' page models in process, warm and right after a write. The pages over
/// loopback and DuckDB over the same raw rows: `scripts/bench-dashboard.py`.
struct BenchDashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "Time the statistics dashboards on generated data (use an empty --data-dir or DATABASE_URL).")
    @ArgumentParser.OptionGroup var storage: StorageOptions
    @ArgumentParser.Option(help: "Smaller counties in the province besides the large one.") var counties = 30
    @ArgumentParser.Option(help: "Years of data.") var years = 5
    @ArgumentParser.Option(help: "Shop rows per month of the large county.") var shops = 2_000
    @ArgumentParser.Option(help: "Shop rows per month of each smaller county.") var smallShops = 100
    @ArgumentParser.Option(help: "Inbound parcels a day of the large county (1,500 + 150 outbound ≈ 3 million parcels in 5 years).") var inboundPerDay = 1_500
    @ArgumentParser.Option(help: "Outbound parcels a day of the large county.") var outboundPerDay = 150
    @ArgumentParser.Option(help: "Trace batches of the large county.") var batches = 5_000
    @ArgumentParser.Option(help: "Days each batch is scanned (≈ 100 scans a day each).") var scanDays = 60
    @ArgumentParser.Option(help: "Training attendances of the large county.") var attendances = 50_000
    @ArgumentParser.Option(help: "Timed runs per measurement.") var runs = 30
    @ArgumentParser.Flag(help: "Only generate (time the pages with scripts/bench-dashboard.py).") var generateOnly = false

    func run() async throws {
        try await withStorage(storage) { store in
            let db = store.db
            guard try await Parcel.query(on: db).count() == 0 else { throw UserFacingError("the database already holds parcels: give an empty one") }
            let small = try await generate(db, hasher: store.passwordHasher)
            if !generateOnly { try await measure(db, small: small) }
        }
    }

    func generate(_ db: any Database, hasher: any PasswordHashing) async throws -> [String] {
        guard let sql = db as? any SQLDatabase else { throw UserFacingError("bench needs an SQL database") }
        let data = BenchDashboardData(sql: sql)
        var clock = Date()
        func step(_ label: String) { print("\(label): \(Self.seconds(since: clock)) s"); clock = Date() }
        _ = try await DemoCounty.load(on: db, hasher: hasher)
        // Every county of Zhejiang from the shipped national list, so the province has its 90.
        let zhejiang = try BuiltinDivisions.country().filter { $0.code.value.hasPrefix("33") }
        _ = try await DivisionImporter.importRows(zhejiang, actor: .cli("bench"), on: db)
        let province = try await DivisionQueries.counties(inProvince: try DivisionCode("33"), on: db).compactMap(\.id)
        let small = Array(province.filter { $0 != DemoCounty.countyCode }.prefix(counties))
        step("demo county and divisions")
        let last = Day.today().monthKey.previous
        let months = Array((0..<(years * 12)).map { i in (0..<i).reduce(last) { m, _ in m.previous } }.reversed())
        let days = years * 365, first = Day.today().adding(days: -(days - 1))
        try await db.transaction { tx in
            guard let t = tx as? any SQLDatabase else { return }
            let d = BenchDashboardData(sql: t)
            try await d.run("DELETE FROM stats_retail_shops")
            for (i, county) in ([DemoCounty.countyCode] + small).enumerated() {
                try await d.shops(county: county, tag: 100 + i, months: months, perMonth: i == 0 ? shops : smallShops)
            }
            try await d.retailRollups()
        }
        for (i, county) in ([DemoCounty.countyCode] + small).enumerated() {
            try await StatisticsDemo.loadMonths(county: county, base: Double(8_000 + i * 900), growth: 0.1, from: months.first ?? last, through: last, on: db)
        }
        step("online retail: \(shops) + \(small.count) × \(smallShops) shop rows a month, \(months.count) months, rollups by SQL")
        guard let product = try await Product.query(on: db).filter(\.$countyCode == DemoCounty.countyCode).first(), let productID = product.id,
              let producer = try await Producer.query(on: db).filter(\.$countyCode == DemoCounty.countyCode).first()?.id else {
            throw UserFacingError("the demo county has no product")
        }
        try await db.transaction { tx in
            guard let t = tx as? any SQLDatabase else { return }
            let d = BenchDashboardData(sql: t)
            try await d.trace(county: DemoCounty.countyCode, product: productID, producer: producer, batches: batches, days: days, scanDays: scanDays, first: first)
            try await d.training(county: DemoCounty.countyCode, attendances: attendances, trainees: max(1, attendances * 2 / 5), days: days, first: first)
        }
        step("trace batches and scans, training")
        let parcels = try await LogisticsDemo.load(county: try DivisionCode(DemoCounty.countyCode), days: days, inboundPerDay: inboundPerDay,
                                                   outboundPerDay: outboundPerDay, on: db)
        step("logistics: \(parcels.parcels) parcels, \(parcels.scans) scans, daily rollup by SQL")
        // Statistics for the planner and, on PostgreSQL, the visibility map that index-only scans need.
        try await data.run(data.postgres ? "VACUUM ANALYZE" : "ANALYZE")
        step("analyze")
        try await Self.printCounts(data)
        return small
    }

    static func printCounts(_ data: BenchDashboardData) async throws {
        for table in ["logistics_parcels", "logistics_scans", "logistics_daily", "trace_batches", "trace_scans", "commerce_attendances",
                      "stats_retail_shops", "stats_retail_rollups", "stats_retail_months"] {
            let row = try await data.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()
            print("\(table): \(try row?.decode(column: "n", as: Int.self) ?? 0) rows")
        }
        let scans = try await data.sql.raw("SELECT CAST(SUM(count) AS BIGINT) AS n FROM trace_scans").first()
        print("trace scans counted: \(try scans?.decode(column: "n", as: Int.self) ?? 0)")
    }

    func measure(_ db: any Database, small: [String]) async throws {
        guard let large = try await Division.find(DemoCounty.countyCode, on: db) else { return }
        let province = try DivisionCode("33")
        let first = Day.today().monthKey.previous
        func time(_ label: String, write: Bool, runs: Int = runs, _ body: () async throws -> Void) async throws {
            var samples: [Double] = []
            for i in 0..<runs {
                // A write to the county's rows first (a month's figures): every cached figure of it is invalid.
                if write {
                    let f = RetailFigures(total: Money(fen: 1_000_000_000 + Int64(i)), physical: Money(fen: 900_000_000), farm: Money(fen: 200_000_000))
                    _ = try await RetailService.saveMonth(county: DemoCounty.countyCode, month: Month(year: first.year - 10, month: 1), figures: f,
                                                          confirmed: true, actor: .cli("bench"), on: db)
                }
                let t = Date()
                try await body()
                samples.append(Date().timeIntervalSince(t) * 1000)
            }
            samples.sort()
            let p50 = samples[samples.count / 2], p95 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.95))]
            print(String(format: "| %@ | %d | %.1f | %.1f |", label, runs, p50, p95))
        }
        print("| measurement | runs | p50 ms | p95 ms |\n|---|---|---|---|")
        try await time("county dashboard, warm", write: false) { _ = try await CountyStatistics.load(large, on: db) }
        try await time("county dashboard, after a write to the county", write: true) { _ = try await CountyStatistics.load(large, on: db) }
        try await time("province comparison (\(small.count + 1) counties), warm", write: false) { _ = try await ProvinceStatistics.rows(province: province, on: db) }
        try await time("province comparison, after a write to one county", write: true) { _ = try await ProvinceStatistics.rows(province: province, on: db) }
        try await time("stats check: every rollup recomputed from raw rows (Fluent, once)", write: false, runs: 1) { _ = try await StatisticsCheck.run(on: db) }
    }

    static func seconds(since start: Date) -> String { String(format: "%.1f", Date().timeIntervalSince(start)) }
}
