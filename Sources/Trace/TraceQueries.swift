import Audit
import FluentKit
import Foundation
import SQLKit
import TraceCore
import XiangcunKit

/// Reads of the traceability data, each limited to one county (and, for a producer's users,
/// to that producer's own records: `producers`).
public enum TraceQueries {
    /// The producers a user records for (empty: none linked).
    public static func producerIDs(ofUser user: UUID, on db: any Database) async throws -> [UUID] {
        try await ProducerUser.query(on: db).filter(\.$userID == user).all().map(\.producerID)
    }

    public static func producers(county: String, only: [UUID]?, page: Int, per: Int, on db: any Database) async throws -> ([Producer], Int) {
        let q = Producer.query(on: db).filter(\.$countyCode == county)
        if let only { q.filter(\.$id ~~ only) }
        return (try await q.copy().sort(\.$name).range(((page - 1) * per)..<(page * per)).all(), try await q.count())
    }

    public static func products(county: String, page: Int, per: Int, on db: any Database) async throws -> ([Product], Int) {
        let q = Product.query(on: db).filter(\.$countyCode == county)
        return (try await q.copy().sort(\.$code).range(((page - 1) * per)..<(page * per)).all(), try await q.count())
    }

    public static func batches(county: String, producers only: [UUID]?, product: UUID? = nil, page: Int, per: Int, on db: any Database) async throws -> ([Batch], Int) {
        let q = Batch.query(on: db).filter(\.$countyCode == county)
        if let only { q.filter(\.$producerID ~~ only) }
        if let product { q.filter(\.$productID == product) }
        return (try await q.copy().sort(\.$createdAt, .descending).sort(\.$lot).range(((page - 1) * per)..<(page * per)).all(), try await q.count())
    }

    /// A record of the county, or nil (another county's id is simply not found).
    public static func find<M: Model>(_ type: M.Type, _ id: UUID, county: String, on db: any Database) async throws -> M? where M.IDValue == UUID {
        guard let m = try await M.find(id, on: db) else { return nil }
        let code = (m as? Producer)?.countyCode ?? (m as? Product)?.countyCode ?? (m as? Batch)?.countyCode ?? (m as? Brand)?.countyCode
            ?? (m as? BrandGrant)?.countyCode ?? (m as? Certification)?.countyCode
        return code == county ? m : nil
    }

    /// Certificates lapsing within `Certificate.warningDays` or already lapsed, soonest first.
    public static func expiringCertificates(county: String, today: Day = .today(), on db: any Database) async throws -> [Certification] {
        let horizon = today.adding(days: Certificate.warningDays).iso
        return try await Certification.query(on: db).filter(\.$countyCode == county).filter(\.$validTo <= horizon)
            .sort(\.$validTo).limit(50).all()
    }

    // MARK: Digital Link resolution

    /// The product and (when known) batch a Digital Link names. An unknown serial resolves
    /// to its lot; an unknown lot to the product.
    public static func resolve(_ link: DigitalLink, on db: any Database) async throws -> (Product, Batch?)? {
        let product: Product?
        switch link.product {
        case .gtin(let g): product = try await Product.query(on: db).filter(\.$gtin == g.digits).first()
        case .countyCode(let c): product = try await Product.query(on: db).filter(\.$code == c).first()
        }
        guard let product else { return nil }
        guard let lot = link.lot else { return (product, nil) }
        let batch = try await Batch.query(on: db).filter(\.$productID == product.requireID()).filter(\.$lot == lot).first()
        return (product, batch)
    }

    // MARK: Scans

    /// A batch's scans on one Beijing day, as counted in memory between two flushes.
    public struct ScanTally: Hashable, Sendable {
        public var batchID: UUID
        public var county: String
        public var day: String
        public init(batchID: UUID, county: String, day: String) { self.batchID = batchID; self.county = county; self.day = day }
    }

    /// Adds counted public views to the daily rollup, all in one transaction (the page counts
    /// in memory and flushes every few seconds, so a view never waits for a write).
    public static func recordScans(_ tallies: [ScanTally: Int], on db: any Database) async throws {
        guard !tallies.isEmpty else { return }
        try await db.writeTransaction { tx in
            guard let sql = tx as? any SQLDatabase else { return }
            // A few statements whatever the number of labels scanned (a statement per batch
            // made a busy flush cost thousands of round trips): insert each day's row or add to
            // it. The tallies are one per batch and day, so no row is touched twice.
            let rows = tallies.map { t, n in [UUID(), t.county, t.batchID, t.day, n] as [any Encodable & Sendable] }
            for start in stride(from: 0, to: rows.count, by: 5_000) {
                let insert = sql.insert(into: "trace_scans").columns("id", "county_code", "batch_id", "day", "count")
                for row in rows[start..<min(start + 5_000, rows.count)] { insert.values(row.map { SQLBind($0) }) }
                try await insert.onConflict(with: ["batch_id", "day"]) { $0.set("count", to: SQLRaw("trace_scans.count + excluded.count")) }.run()
            }
            var days: [String: [String: Int]] = [:]
            for (t, n) in tallies { days[t.county, default: [:]][t.day, default: 0] += n }
            try await ScanDays.add(days, on: sql)
        }
    }

    /// Scans per day (last `days` days) and the most-scanned batches of the county.
    public static func scans(county: String, days: Int = 30, today: Day = .today(), on db: any Database) async throws -> (byDay: [(String, Int)], byBatch: [(UUID, Int)]) {
        let since = today.adding(days: -days).iso
        let rows = try await ScanCount.query(on: db).filter(\.$countyCode == county).filter(\.$day > since).all()
        var byDay: [String: Int] = [:], byBatch: [UUID: Int] = [:]
        for r in rows { byDay[r.day, default: 0] += r.count; byBatch[r.batchID, default: 0] += r.count }
        return (byDay.sorted { $0.key < $1.key }, byBatch.sorted { $0.value > $1.value }.prefix(20).map { ($0.key, $0.value) })
    }
}

extension TraceQueries {
    /// All scans of the county up to a day, from the day totals (`ScanDays`). PostgreSQL's SUM of
    /// a bigint is a numeric, so the total is cast back to an integer on both engines.
    public static func totalScans(county: String, through day: Day, on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        let row = try await sql.raw("SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) AS n FROM trace_scan_days WHERE county_code = \(bind: county) AND day <= \(bind: day.iso)").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }
}

/// The capability's live indicators for programme targets (keys `trace.…`, see docs/trace.md).
public enum TraceIndicators {
    public static func all(county: DivisionCode, day: Day, on db: any Database) async throws -> [String: Decimal] {
        var values = try await counts(county: county, on: db)
        values["trace.scans"] = try await scans(county: county, day: day, on: db)
        return values
    }

    /// Every key but the scans: counts of rows in watched tables (`WatchTraceTables`), so a
    /// county-version cache of them is never stale.
    public static func counts(county: DivisionCode, on db: any Database) async throws -> [String: Decimal] {
        let c = county.value
        let producers = try await Producer.query(on: db).filter(\.$countyCode == c).count()
        let onPlatform = try await Producer.query(on: db).filter(\.$countyCode == c).filter(\.$subjectCode != nil).count()
        let products = try await Product.query(on: db).filter(\.$countyCode == c).count()
        let standards = try await ProductStandard.query(on: db).filter(\.$countyCode == c).count()
        let bestsellers = try await Product.query(on: db).filter(\.$countyCode == c).filter(\.$bestseller == true).count()
        let batches = try await Batch.query(on: db).filter(\.$countyCode == c).count()
        let share = producers == 0 ? Decimal(0) : Decimal(onPlatform * 100) / Decimal(producers)
        return [
            "trace.producers": Decimal(producers), "trace.producersOnPlatform": Decimal(onPlatform), "trace.producersOnPlatformPercent": share,
            "trace.products": Decimal(products), "trace.standards": Decimal(standards), "trace.bestsellers": Decimal(bestsellers),
            "trace.batches": Decimal(batches),
        ]
    }

    /// `trace.scans`: public page views through the day (not watched: counted on every view).
    public static func scans(county: DivisionCode, day: Day, on db: any Database) async throws -> Decimal {
        Decimal(try await TraceQueries.totalScans(county: county.value, through: day, on: db))
    }
}
