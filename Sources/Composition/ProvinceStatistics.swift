import Divisions
import FluentKit
import Foundation
import Logistics
import NetworkCore
import Programme
import ProgrammeCore
import ServiceNetwork
import SQLKit
import Statistics
import StatisticsCore
import XiangcunKit

/// 全省统计 — the counties of a province side by side (only those the province viewer's scope
/// holds). Read with a fixed number of grouped queries whatever the number of counties: the
/// retail months, the logistics rollup, the programmes and their disbursements, the targets and
/// the cached figures (coverage, reporting, commerce ledgers, programme snapshots) of every
/// county at once. Only a
/// county whose cached figures a write has made stale is recomputed on its own (and cached).
public enum ProvinceStatistics {
    public struct Row: Sendable {
        public var county: Division
        public var indicators: [IndicatorValue]
        /// The county's figures include demo rows (示例).
        public var sample: Bool
        public func value(_ key: String) -> Decimal? { indicators.first { $0.definition.key == key }?.value }
    }

    /// The province's columns: online retail growth and volume, fund disbursement rate, target
    /// completion, coverage, reporting and the logistics service level.
    public static let columns = ["retail.yearToDateGrowthPercent", "retail.yearToDateWan", "programme.disbursedPercent", "programme.completionPercent",
                                 "network.villageCoveragePercent", "network.reportingPercent", "logistics.withinTwoDaysPercent"]

    /// Counties of the province with any data (programme, facilities or retail figures), by code.
    public static func counties(province: DivisionCode, on db: any Database) async throws -> [Division] {
        let counties = try await DivisionQueries.counties(inProvince: province, on: db).filter(\.active)
        let codes = counties.compactMap(\.id)
        var withData = Set(try await ProgrammeRecord.query(on: db).filter(\.$countyCode ~~ codes).field(\.$countyCode).unique().all().map(\.countyCode))
        withData.formUnion(try await Facility.query(on: db).filter(\.$countyCode ~~ codes).field(\.$countyCode).unique().all().map(\.countyCode))
        withData.formUnion(try await RetailMonthRecord.query(on: db).filter(\.$countyCode ~~ codes).field(\.$countyCode).unique().all().map(\.countyCode))
        return counties.filter { $0.id.map(withData.contains) ?? false }
    }

    public static func rows(province: DivisionCode, day: Day = .today(), on db: any Database) async throws -> [Row] {
        let counties = try await counties(province: province, on: db)
        let codes = counties.compactMap(\.id)
        guard !codes.isEmpty else { return [] }
        var sources = try await RetailIndicators.all(counties: codes, day: day, on: db)
        for (county, values) in try await LogisticsIndicators.all(counties: codes, day: day, on: db) {
            sources[county, default: [:]].merge(values) { retail, _ in retail }
        }
        try await network(codes, day: day, on: db, into: &sources)
        try await programme(counties, day: day, on: db, into: &sources)
        let targets = try await RetailQueries.targets(counties: codes, year: day.year, on: db)
        let samples = Set(try await RetailMonthRecord.query(on: db).filter(\.$countyCode ~~ codes).filter(\.$sample == true)
            .field(\.$countyCode).unique().all().map(\.countyCode))
        let definitions = columns.compactMap(IndicatorCatalogue.definition)
        return counties.compactMap { county in
            guard let id = county.id else { return nil }
            return Row(county: county, indicators: Indicators.evaluate(definitions, sources: sources[id] ?? [:], targets: targets[id] ?? [:]),
                       sample: samples.contains(id))
        }
    }

    /// Coverage, last month's reporting and the commerce ledgers' indicators from the county
    /// cache: one query each for the province; a county without a current figure (a write made
    /// it stale) is computed and cached on its own.
    static func network(_ codes: [String], day: Day, on db: any Database, into sources: inout [String: [String: Decimal]]) async throws {
        let month = day.monthKey.previous
        var commerce = try await CountyCache.current("commerce", keys: keys(codes, day.iso), as: [String: Decimal].self, on: db)
        var coverage = try await CountyCache.current("coverage", keys: keys(codes, day.iso), as: CoverageReport.self, on: db)
        var completeness = try await CountyCache.current("completeness", keys: keys(codes, month.text), as: [ReportingRules.Completeness].self, on: db)
        for code in codes {
            guard let county = try? DivisionCode(code) else { continue }
            if commerce[code] == nil { commerce[code] = try await CachedFigures.commerce(county: county, day: day, on: db) }
            sources[code, default: [:]].merge(commerce[code] ?? [:]) { a, _ in a }
            if coverage[code] == nil { coverage[code] = try await CachedFigures.coverage(county: county, asOf: day, on: db) }
            if completeness[code] == nil { completeness[code] = try await CachedFigures.completeness(county: county, month: month, on: db).map { [$0] } ?? [] }
            if let report = coverage[code] { sources[code, default: [:]].merge(LiveIndicators.network(report)) { a, _ in a } }
            if let c = completeness[code]?.first {
                sources[code, default: [:]]["network.expectedLastMonth"] = Decimal(c.expected)
                sources[code, default: [:]]["network.reportedLastMonth"] = Decimal(c.reported)
            }
        }
    }

    static func keys(_ codes: [String], _ key: String) -> [String: String] { Dictionary(uniqueKeysWithValues: codes.map { ($0, key) }) }

    /// Funds and completion of each county's current programme (its newest batch): the
    /// programmes, their approved disbursements (grouped) and the cached snapshots, one query
    /// each. Completion takes the live sources its targets name; when a target names a key the
    /// grouped reads do not supply (the trace ledgers), that county's
    /// sources are read in full, so the number is the county dashboard's.
    static func programme(_ counties: [Division], day: Day, on db: any Database, into sources: inout [String: [String: Decimal]]) async throws {
        let codes = counties.compactMap(\.id)
        var current: [String: ProgrammeRecord] = [:]
        for p in try await ProgrammeRecord.query(on: db).filter(\.$countyCode ~~ codes).sort(\.$batchYear, .descending).all() where current[p.countyCode] == nil {
            current[p.countyCode] = p
        }
        guard !current.isEmpty else { return }
        let disbursed = try await approvedDisbursements(current.values.compactMap(\.id), on: db)
        let names = Dictionary(counties.compactMap { c in c.id.map { ($0, c.name) } }, uniquingKeysWith: { a, _ in a })
        let snapshotKeys = current.compactMapValues { p in p.id.map { "\($0.uuidString)|\(day.iso)|\(names[p.countyCode] ?? "")" } }
        let snapshots = try await CountyCache.current("programme.snapshot", keys: snapshotKeys, as: ProgrammeSnapshot.self, on: db)
        for (code, programme) in current {
            guard let id = programme.id, let county = try? DivisionCode(code) else { continue }
            sources[code, default: [:]]["programme.centralAllocatedFen"] = Decimal(programme.centralAllocatedFen)
            sources[code, default: [:]]["programme.centralDisbursedFen"] = Decimal(disbursed[id] ?? 0)
            var snapshot = snapshots[code]
            if snapshot == nil { snapshot = try await CachedFigures.programmeSnapshot(programme, countyName: names[code] ?? county.short, asOf: day, on: db) }
            guard let snapshot else { continue }
            var live = sources[code] ?? [:]
            if snapshot.plan.targets.contains(where: { !$0.source.isEmpty && live[$0.source] == nil }) {
                live.merge(try await LiveIndicators.values(county: code, asOf: day, on: db)) { grouped, _ in grouped }
            }
            if let overall = ProgrammeIndicators(snapshot: snapshot, sources: live).completion.overall {
                sources[code, default: [:]]["programme.completionPercent"] = Indicators.rounded(overall * 100)
            }
        }
    }

    /// Approved disbursements (fen) per programme, summed by the database.
    static func approvedDisbursements(_ programmes: [UUID], on db: any Database) async throws -> [UUID: Int64] {
        guard let sql = db as? any SQLDatabase, !programmes.isEmpty else { return [:] }
        let rows = try await sql.raw("""
            SELECT programme_id, CAST(SUM(amount_fen) AS BIGINT) AS fen FROM \(unsafeRaw: DisbursementRecord.schema)
            WHERE status = \(bind: DisbursementStatus.approved.rawValue) AND programme_id IN (\(binds: programmes)) GROUP BY programme_id
            """).all()
        var sums: [UUID: Int64] = [:]
        for row in rows { sums[try row.decode(column: "programme_id", as: UUID.self)] = try row.decode(column: "fen", as: Int64.self) }
        return sums
    }
}
