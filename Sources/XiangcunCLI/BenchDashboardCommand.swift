import ArgumentParser
import Composition
import Divisions
import Documents
import FluentKit
import Foundation
import Statistics
import StatisticsCore
import XiangcunKit

/// `xiangcun bench dashboard` — fills an empty database with a large county and a province of
/// smaller counties (online retail months and shop rows over several years, the demo county's
/// network and programme), then times the county dashboard's and the province comparison's data
/// (the page models, in process) cold (right after a write) and warm, and a full recomputation
/// from raw rows for comparison. `--export FILE.csv` writes the raw shop rows for the DuckDB
/// reference (`scripts/bench-dashboard-duckdb.py`).
struct BenchDashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "Time the statistics dashboards on generated data (use an empty --data-dir or DATABASE_URL).")
    @ArgumentParser.OptionGroup var storage: StorageOptions
    @ArgumentParser.Option(help: "Smaller counties in the province besides the large one.") var counties = 30
    @ArgumentParser.Option(help: "Years of monthly data.") var years = 5
    @ArgumentParser.Option(help: "Shop rows per month of the large county.") var shops = 2_000
    @ArgumentParser.Option(help: "Shop rows per month of each smaller county.") var smallShops = 100
    @ArgumentParser.Option(help: "Timed runs per measurement.") var runs = 30
    @ArgumentParser.Option(help: "Write the raw shop rows to this CSV for the DuckDB reference.") var export: String?

    func run() async throws {
        try await withStorage(storage) { store in
            let db = store.db
            guard try await RetailShopRecord.query(on: db).count() == 0 else { throw UserFacingError("the database already holds shop rows: give an empty one") }
            let started = Date()
            _ = try await DemoCounty.load(on: db, hasher: store.passwordHasher)
            // Every county of Zhejiang from the shipped national list, so the province has its 90.
            let zhejiang = try BuiltinDivisions.country().filter { $0.code.value.hasPrefix("33") }
            _ = try await DivisionImporter.importRows(zhejiang, actor: .cli("bench"), on: db)
            let province = try await DivisionQueries.counties(inProvince: try DivisionCode("33"), on: db).compactMap(\.id)
            let small = Array(province.filter { $0 != DemoCounty.countyCode }.prefix(counties))
            let last = Day.today().monthKey.previous
            let months = (0..<(years * 12)).map { i in (0..<i).reduce(last) { m, _ in m.previous } }.reversed()
            var rows = 0
            for (index, county) in ([DemoCounty.countyCode] + small).enumerated() {
                let perMonth = index == 0 ? shops : smallShops
                for m in months {
                    try await RetailService.replaceShops(county: county, rows: Self.shops(county: county, month: m, count: perMonth), sample: true,
                                                         actor: .cli("bench"), on: db)
                    rows += perMonth
                }
                try await StatisticsDemo.loadMonths(county: county, base: Double(8_000 + index * 900), growth: 0.1, from: Array(months).first ?? last,
                                                    through: last, on: db)
            }
            print("generated \(rows) shop rows for \(small.count + 1) counties × \(years * 12) months in \(Self.seconds(since: started)) s")
            if let export { try await Self.export(to: export, on: db) }
            try await measure(db, small: small)
        }
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

    /// Shop rows of one month: names and platforms cycle, amounts vary by shop and month.
    static func shops(county: String, month: Month, count: Int) -> [ShopInput] {
        let platforms = ["淘宝", "天猫", "拼多多", "抖音", "京东", "快手"]
        return (0..<count).map { i in
            let fen = Int64(10_000 + (i &* 7_919 &+ month.month &* 104_729) % 5_000_000)
            return ShopInput(month: month, enterprise: "示例企业\(i / 3)", shop: "示例店铺\(i)", platform: platforms[i % platforms.count],
                             total: Money(fen: fen), farm: Money(fen: fen / 3))
        }
    }

    static func export(to path: String, on db: any Database) async throws {
        var lines = ["county_code,month,platform,total_fen,farm_fen"]
        for r in try await RetailShopRecord.query(on: db).all() { lines.append("\(r.countyCode),\(r.month),\(r.platform),\(r.totalFen),\(r.farmFen)") }
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        print("\(path): \(lines.count - 1) raw shop rows")
    }

    static func seconds(since start: Date) -> String { String(format: "%.1f", Date().timeIntervalSince(start)) }
}
