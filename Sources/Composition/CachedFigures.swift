import Commerce
import Foundation
import FluentKit
import NetworkCore
import Programme
import ProgrammeCore
import ServiceNetwork
import Statistics
import Trace
import XiangcunKit

/// The network's costly figures through the county cache (`CountyCache`): coverage as of a day
/// and reporting completeness of a month, recomputed only after a write to the county's rows.
public enum CachedFigures {
    /// Coverage of a county at the end of a (Beijing) day.
    public static func coverage(county: DivisionCode, asOf day: Day, version: Int64? = nil, on db: any Database) async throws -> CoverageReport {
        try await CountyCache.value("coverage", key: day.iso, county: county.value, version: version, on: db) {
            try await NetworkQueries.coverage(county: county, asOf: day, on: db)
        }
    }

    /// Reporting completeness of one month.
    public static func completeness(county: DivisionCode, month: Month, on db: any Database) async throws -> ReportingRules.Completeness? {
        // Cached as a list: a top-level JSON null is not a value every decoder accepts.
        try await CountyCache.value("completeness", key: month.text, county: county.value, on: db) {
            try await NetworkQueries.completeness(county: county, through: month, months: 1, on: db)
        }.first
    }

    /// Every network indicator at the end of a day, from the cached coverage.
    public static func networkIndicators(county: DivisionCode, day: Day, on db: any Database) async throws -> [NetworkIndicator: Int] {
        let report = try await coverage(county: county, asOf: day, on: db)
        return Dictionary(uniqueKeysWithValues: NetworkIndicator.allCases.map { ($0, $0.value(in: report)) })
    }
}

extension CachedFigures {
    /// A programme's snapshot as of a day (the plan with its progress): recomputed only after a
    /// write to the county's programme rows. Completion is computed from it per read, with the
    /// live sources of the moment, so targets fed by any capability stay current.
    public static func programmeSnapshot(_ programme: ProgrammeRecord, countyName: String, asOf: Day, version: Int64? = nil,
                                         on db: any Database) async throws -> ProgrammeSnapshot {
        let id = try programme.requireID()
        return try await CountyCache.value("programme.snapshot", key: "\(id.uuidString)|\(asOf.iso)|\(countyName)", county: programme.countyCode, version: version, on: db) {
            try await ProgrammeSnapshotLoader.snapshot(of: programme, countyName: countyName, asOf: asOf, on: db)
        }
    }
}

extension CachedFigures {
    /// The people-and-commerce ledgers' indicators (`training.…`, `live.…`, …) at the end of a
    /// day: their tables bump the county version (`WatchCommerceLedgers`), so they are
    /// recomputed only after a write to the county's ledgers.
    public static func commerce(county: DivisionCode, day: Day, version: Int64? = nil, on db: any Database) async throws -> [String: Decimal] {
        try await CountyCache.value("commerce", key: day.iso, county: county.value, version: version, on: db) {
            try await CommerceIndicators.all(county: county, day: day, on: db)
        }
    }
}

extension CachedFigures {
    /// The `retail.…` keys as of a day: they depend only on its month, and the retail tables bump
    /// the county version, so they are recomputed only after the county's retail rows change.
    public static func retail(county: DivisionCode, day: Day, version: Int64? = nil, on db: any Database) async throws -> [String: Decimal] {
        try await CountyCache.value("retail", key: day.monthKey.text, county: county.value, version: version, on: db) {
            try await RetailIndicators.all(county: county, day: day, on: db)
        }
    }
}

extension CachedFigures {
    /// The `trace.…` keys as of a day: the counts from the county cache, the scans live.
    public static func trace(county: DivisionCode, day: Day, version: Int64? = nil, on db: any Database) async throws -> [String: Decimal] {
        var values = try await CountyCache.value("trace.counts", key: "", county: county.value, version: version, on: db) {
            try await TraceIndicators.counts(county: county, on: db)
        }
        values["trace.scans"] = try await TraceIndicators.scans(county: county, day: day, on: db)
        return values
    }
}
