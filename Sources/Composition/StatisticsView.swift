import Divisions
import FluentKit
import Foundation
import NetworkCore
import Programme
import ProgrammeCore
import ServiceNetwork
import Statistics
import StatisticsCore
import XiangcunKit

/// 统计监测 — every source key of a county at the end of a day: the live indicators of every
/// capability (`LiveIndicators`), the programme's funds and completion, last month's reporting.
/// All from small tables, rollups or the county cache: no raw table is scanned.
public enum StatisticsSources {
    public static func values(county: DivisionCode, day: Day, on db: any Database) async throws -> [String: Decimal] {
        var values = try await LiveIndicators.values(county: county.value, asOf: day, on: db)
        if let c = try await CachedFigures.completeness(county: county, month: day.monthKey.previous, on: db) {
            values["network.expectedLastMonth"] = Decimal(c.expected)
            values["network.reportedLastMonth"] = Decimal(c.reported)
        }
        guard let programme = try await ProgrammeStore.current(county: county, on: db), let id = programme.id else { return values }
        values["programme.centralAllocatedFen"] = Decimal(programme.centralAllocatedFen)
        let approved = try await DisbursementRecord.query(on: db).filter(\.$programmeID == id)
            .filter(\.$status == DisbursementStatus.approved.rawValue).all()
        values["programme.centralDisbursedFen"] = Decimal(approved.reduce(Int64(0)) { $0 + $1.amountFen })
        let name = try await Division.find(county.value, on: db)?.name ?? county.short
        let snapshot = try await CachedFigures.programmeSnapshot(programme, countyName: name, asOf: day, on: db)
        if let overall = ProgrammeIndicators(snapshot: snapshot, sources: values).completion.overall {
            values["programme.completionPercent"] = Indicators.rounded(overall * 100)
        }
        return values
    }
}

/// A county's statistics as the dashboard, the wall display, the API and the CLI read them.
public struct CountyStatistics: Sendable {
    public var county: Division
    public var day: Day
    public var sources: [String: Decimal]
    public var indicators: [IndicatorValue]
    /// Monthly total and farm-product sales (fen) of the last 24 months, oldest first.
    public var months: [(month: Month, figures: RetailFigures?)]
    /// Platform rollups of the latest month entered.
    public var platforms: [RetailRollups.Row]
    public var coverage: CoverageReport

    public var code: DivisionCode? { try? DivisionCode(county.id ?? "") }

    public static func load(_ county: Division, day: Day = .today(), on db: any Database) async throws -> CountyStatistics {
        let code = try DivisionCode(county.id ?? "")
        let sources = try await StatisticsSources.values(county: code, day: day, on: db)
        let targets = try await RetailQueries.targets(county: code.value, year: day.year, on: db)
        var recent: [Month] = [], m = day.monthKey
        for _ in 0..<24 { recent.append(m); m = m.previous }
        recent.reverse()
        let rows = try await RetailMonthRecord.query(on: db).filter(\.$countyCode == code.value).filter(\.$month ~~ recent.map(\.text)).all()
        let byMonth = Dictionary(rows.map { ($0.month, $0.figures) }, uniquingKeysWith: { a, _ in a })
        let latest = rows.map(\.month).max()
        var platforms: [RetailRollups.Row] = []
        if let latest { platforms = try await RetailRollups.stored(county: code.value, months: [latest], on: db) }
        return CountyStatistics(county: county, day: day, sources: sources, indicators: Indicators.evaluate(sources: sources, targets: targets),
                                months: recent.map { ($0, byMonth[$0.text]) }, platforms: platforms,
                                coverage: try await CachedFigures.coverage(county: code, asOf: day, on: db))
    }

    public func indicator(_ key: String) -> IndicatorValue? { indicators.first { $0.definition.key == key } }
}
