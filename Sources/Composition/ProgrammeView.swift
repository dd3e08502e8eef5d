import Commerce
import Divisions
import FluentKit
import Logistics
import NetworkCore
import Foundation
import Programme
import ProgrammeCore
import ServiceNetwork
import Trace
import Statistics
import XiangcunKit

/// A programme as pages, the API, reports and the CLI read it: the stored record and everything
/// computed from its snapshot, with the live values other capabilities feed to its targets.
public struct ProgrammeView: Sendable {
    public let record: ProgrammeRecord
    public let indicators: ProgrammeIndicators
    /// Live indicator values (e.g. from the service network) the computations used.
    public let sources: [String: Decimal]

    public var snapshot: ProgrammeSnapshot { indicators.snapshot }
    public var plan: ProgrammePlan { indicators.plan }
    public var funds: FundTable { indicators.funds }
    public var completion: Completion { indicators.completion }
    public var deadlines: [TaskDeadline] { indicators.deadlines }
    public var today: Day { indicators.today }
    public func deadline(of taskCode: String) -> TaskDeadline? { indicators.deadline(of: taskCode) }

    public static func load(_ programme: ProgrammeRecord, countyName: String, asOf: Day = .today(), on db: any Database) async throws -> ProgrammeView {
        let snapshot = try await ProgrammeSnapshotLoader.snapshot(of: programme, countyName: countyName, asOf: asOf, on: db)
        let sources = try await LiveIndicators.values(county: programme.countyCode, asOf: asOf, on: db)
        return ProgrammeView(record: programme, indicators: ProgrammeIndicators(snapshot: snapshot, sources: sources), sources: sources)
    }
}

/// Live values for targets whose actual comes from another capability: the service network's
/// indicators as `network.<key>` (e.g. "network.villageStationsOperating"; keys in docs/network.md),
/// and the people-and-commerce ledgers' (`training.…`, `live.…`, … ; keys in docs/commerce.md).
public enum LiveIndicators {
    /// `version`: the county's current version if the caller has just read it.
    public static func values(county: String, asOf: Day, version known: Int64? = nil, on db: any Database) async throws -> [String: Decimal] {
        guard let code = try? DivisionCode(county), code.level == .county else { return [:] }
        // The cached figures are recomputed only after a write to the county's rows; the version
        // that says so is read once for all of them.
        let version = try await CountyVersions.current(county, known: known, on: db)
        var result = network(try await CachedFigures.coverage(county: code, asOf: asOf, version: version, on: db))
        result.merge(try await CachedFigures.trace(county: code, day: asOf, version: version, on: db)) { a, _ in a }
        result.merge(try await CachedFigures.commerce(county: code, day: asOf, version: version, on: db)) { network, _ in network }
        result.merge(try await CachedFigures.retail(county: code, day: asOf, version: version, on: db)) { $1 }
        result.merge(try await LogisticsIndicators.all(county: code, day: asOf, on: db)) { mine, _ in mine }
        return result
    }

    /// The values spelled out in a stable order: what a memo of something computed from them
    /// compares (`CountyCache.memo(…inputs:…)`).
    public static func digest(_ values: [String: Decimal]) -> String {
        values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }

    /// The `network.…` keys of a coverage report.
    public static func network(_ report: CoverageReport) -> [String: Decimal] {
        let values = Dictionary(uniqueKeysWithValues: NetworkIndicator.allCases.map { ($0, $0.value(in: report)) })
        var result = Dictionary(uniqueKeysWithValues: values.map { ("network." + $0.key.rawValue, Decimal($0.value)) })
        // The seeds' "行政村覆盖率 ≥ 60%" target: covered ÷ administrative villages, in percent (exact).
        if let covered = values[.coveredVillages], let villages = values[.villages], villages > 0 {
            // Rounded half-up to two decimals, as a rate is reported (70.44).
            var exact = Decimal(covered) * 100 / Decimal(villages), rounded = Decimal()
            NSDecimalRound(&rounded, &exact, 2, .plain)
            result["network.villageCoveragePercent"] = rounded
        }
        return result
    }
}
