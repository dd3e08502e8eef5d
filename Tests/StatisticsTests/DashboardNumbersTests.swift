import Audit
import Commerce
import Composition
import Divisions
import FluentKit
import Foundation
import Logistics
import Logging
import NIOCore
import SQLKit
import Statistics
import StatisticsCore
import TestDatabases
import Testing
import XiangcunKit

/// The county dashboard's logistics, training, live and trace numbers against a recomputation
/// from the raw rows; the province comparison against each county's own dashboard, scoped, and
/// read with a number of queries that does not grow with the counties.
@Suite("Statistics dashboards (database)")
struct DashboardNumbersTests {
    let actor = AuditActor.cli("test")

    func count(_ db: any Database, _ query: SQLQueryString) async throws -> Decimal {
        let sql = try #require(db as? any SQLDatabase)
        let row = try #require(try await sql.raw(query).first())
        return Decimal(try row.decode(column: "n", as: Int64?.self) ?? 0)
    }

    @Test(arguments: Engine.all)
    func everyCapabilitysNumbersEqualARecomputationFromTheirRows(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db, code = try DivisionCode("331123"), today = Day.today()
            _ = try await DemoCounty.load(on: db, hasher: PlainHasher())
            _ = try await LogisticsDemo.load(county: code, days: 5, inboundPerDay: 60, outboundPerDay: 9, on: db)
            let county = try #require(try await Division.find(code.value, on: db))
            let s = try await CountyStatistics.load(county, day: today, on: db)
            let from = today.adding(days: -29).iso, c = code.value
            let expected: [String: Decimal] = [
                "logistics.inboundParcels30d": try await count(db, "SELECT COUNT(*) AS n FROM logistics_scans WHERE county_code = \(bind: c) AND kind = 'received' AND day >= \(bind: from) AND day <= \(bind: today.iso)"),
                "logistics.outboundParcels30d": try await count(db, "SELECT COUNT(*) AS n FROM logistics_scans WHERE county_code = \(bind: c) AND kind = 'collected' AND day >= \(bind: from) AND day <= \(bind: today.iso)"),
                "training.sessions": try await count(db, "SELECT COUNT(*) AS n FROM commerce_training_sessions WHERE county_code = \(bind: c) AND paired = \(bind: false) AND held_on <= \(bind: today.iso)"),
                "live.events": try await count(db, "SELECT COUNT(*) AS n FROM commerce_live_events WHERE county_code = \(bind: c) AND held_on <= \(bind: today.iso)"),
                "live.gmvWan": try await count(db, "SELECT CAST(SUM(gmv_fen) AS BIGINT) AS n FROM commerce_live_events WHERE county_code = \(bind: c) AND held_on <= \(bind: today.iso)") / 1_000_000,
                "trace.products": try await count(db, "SELECT COUNT(*) AS n FROM trace_products WHERE county_code = \(bind: c)"),
                "trace.batches": try await count(db, "SELECT COUNT(*) AS n FROM trace_batches WHERE county_code = \(bind: c)"),
                "trace.scans": try await count(db, "SELECT CAST(SUM(count) AS BIGINT) AS n FROM trace_scans WHERE county_code = \(bind: c) AND day <= \(bind: today.iso)"),
            ]
            for (key, value) in expected {
                #expect(s.indicator(key)?.value == Indicators.rounded(value), "\(key)")
            }
            // The demo holds rows of every kind, so the comparison is not of zeros.
            #expect(expected.filter { $0.value > 0 }.count == expected.count)
            // Arrived within two days: from the parcels themselves (intake day to arrival, Beijing days).
            let arrivals = try await Parcel.query(on: db).filter(\.$countyCode == c).filter(\.$arrivedAt != nil).all()
                .compactMap { p -> Int? in
                    guard let at = p.arrivedAt, let intake = Day(p.intakeDay) else { return nil }
                    let arrived = Day.today(now: at)
                    return arrived.iso >= from && arrived.iso <= today.iso ? intake.days(until: arrived) : nil
                }
            let within = Decimal(arrivals.filter { $0 <= 2 }.count * 10_000 / max(arrivals.count, 1)) / 100
            #expect(!arrivals.isEmpty && s.indicator("logistics.withinTwoDaysPercent")?.value == within)
            #expect(IndicatorCatalogue.groups.allSatisfy { g in IndicatorCatalogue.all.contains { $0.capability == g } })
            // The commerce ledgers' figures are cached per county: a new event shows at once.
            let event = try #require(try await LiveEvent.query(on: db).filter(\.$countyCode == c).first())
            let copy = LiveEvent()
            copy.countyCode = c; copy.roomID = event.roomID; copy.heldOn = today.iso; copy.title = "测试"; copy.products = ""
            copy.minutes = 60; copy.viewers = 10; copy.orders = 1; copy.gmvFen = 1_000_000; copy.sample = true
            try await copy.create(on: db)
            let after = try await CountyStatistics.load(county, day: today, on: db)
            #expect(after.indicator("live.events")?.value == (expected["live.events"] ?? 0) + 1)
            #expect(after.indicator("live.gmvWan")?.value == Indicators.rounded((expected["live.gmvWan"] ?? 0) + 1))
        }
    }

    @Test(arguments: Engine.all)
    func aCountyNeverSeesAnothersNumbers(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db
            _ = try await DemoCounty.load(on: db, hasher: PlainHasher())
            _ = try await LogisticsDemo.load(county: try DivisionCode("331123"), days: 3, inboundPerDay: 40, outboundPerDay: 5, on: db)
            // 庆元县: of the same city, with no demo rows of its own.
            _ = try await DivisionImporter.importRows(try BuiltinDivisions.county("331126"), actor: actor, on: db)
            let other = try #require(try await Division.find("331126000000", on: db))
            let s = try await CountyStatistics.load(other, on: db)
            for key in ["logistics.inboundParcels30d", "logistics.outboundParcels30d", "trace.products", "trace.batches", "trace.scans"] {
                #expect(s.indicator(key)?.value ?? 0 == 0, "\(key)")
            }
            for key in ["training.sessions", "live.events", "live.gmvWan", "logistics.withinTwoDaysPercent", "retail.monthWan", "programme.disbursedPercent"] {
                #expect(s.indicator(key)?.value == nil, "\(key)")
            }
        }
    }

    @Test(arguments: Engine.all)
    func theProvinceShowsEachCountysOwnNumbersWithAFixedNumberOfQueries(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db, day = Day.today(), province = try DivisionCode("33")
            _ = try await DemoCounty.load(on: db, hasher: PlainHasher())
            _ = try await LogisticsDemo.load(county: try DivisionCode("331123"), days: 3, inboundPerDay: 40, outboundPerDay: 5, on: db)
            func addCounty(_ code: String, wan: Int64) async throws {
                _ = try await DivisionImporter.importRows(try BuiltinDivisions.county(code), actor: actor, on: db)
                for (i, m) in ["2025-10", "2026-01", day.monthKey.previous.text].enumerated() {
                    let f = RetailFigures(total: Money(fen: (wan + Int64(i)) * 1_000_000), physical: Money(fen: wan * 900_000), farm: Money(fen: wan * 100_000))
                    _ = try await RetailService.saveMonth(county: code + "000000", month: try #require(Month(m)), figures: f, confirmed: true, actor: actor, on: db)
                }
            }
            // The demo's sample counties are there already; 庆元 added, and a county of 江苏.
            try await addCounty("331126", wan: 500)
            try await addCounty("320102", wan: 900)   // 江苏: not of the province
            let counter = QueryCounter()
            _ = try await ProvinceStatistics.rows(province: province, day: day, on: db)   // fills the cache
            let few = try await ProvinceStatistics.rows(province: province, day: day, on: CountingDatabase(db, counter))
            let fewQueries = counter.reset()
            for (i, code) in ["331122", "331127", "331102"].enumerated() { try await addCounty(code, wan: 100 * Int64(i + 1)) }
            _ = try await ProvinceStatistics.rows(province: province, day: day, on: db)
            let many = try await ProvinceStatistics.rows(province: province, day: day, on: CountingDatabase(db, counter))
            #expect(fewQueries > 0 && counter.reset() == fewQueries, "queries grew with the counties")
            #expect(few.count >= 2 && many.count == few.count + 3 && !many.contains { $0.county.id?.hasPrefix("32") ?? true })
            // Every column equals the county's own dashboard.
            for row in many {
                let own = try await CountyStatistics.load(row.county, day: day, on: db)
                for key in ProvinceStatistics.columns { #expect(row.value(key) == own.indicator(key)?.value, "\(row.county.name) \(key)") }
            }
            let suichang = try #require(many.first { $0.county.id == "331123000000" })
            #expect(suichang.value("programme.disbursedPercent") != nil && suichang.value("network.villageCoveragePercent") != nil
                && suichang.value("logistics.withinTwoDaysPercent") != nil && suichang.value("programme.completionPercent") != nil)
            #expect(many.first { $0.county.id == "331126000000" }?.value("retail.yearToDateWan") != nil)
        }
    }
}

/// Counts the statements a database is asked to run (Fluent queries and SQL).
final class QueryCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    /// The count so far, starting again from zero.
    func reset() -> Int { lock.withLock { defer { count = 0 }; return count } }
}

struct CountingDatabase: Database, SQLDatabase {
    let inner: any Database
    let counter: QueryCounter
    init(_ inner: any Database, _ counter: QueryCounter) { self.inner = inner; self.counter = counter }
    var sql: any SQLDatabase { inner as! any SQLDatabase }

    var context: DatabaseContext { inner.context }
    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        counter.add()
        return inner.execute(query: query, onOutput: onOutput)
    }
    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { inner.execute(schema: schema) }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { inner.execute(enum: `enum`) }
    var inTransaction: Bool { inner.inTransaction }
    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { inner.transaction(closure) }
    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { inner.withConnection(closure) }

    var logger: Logger { sql.logger }
    var eventLoop: any EventLoop { sql.eventLoop }
    var dialect: any SQLDialect { sql.dialect }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }
    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        counter.add()
        return sql.execute(sql: query, onRow)
    }
    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        counter.add()
        try await sql.execute(sql: query, onRow)
    }
    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R { try await sql.withSession(closure) }
}
