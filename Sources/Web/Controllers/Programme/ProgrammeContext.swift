import Divisions
import Fluent
import ServiceNetwork
import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

/// A programme read for a page: the stored record and everything computed from its snapshot.
struct ProgrammeView: Sendable {
    let record: ProgrammeRecord
    let indicators: ProgrammeIndicators
    /// Live indicator values (e.g. from the service network) the computations used.
    let sources: [String: Decimal]

    var snapshot: ProgrammeSnapshot { indicators.snapshot }
    var plan: ProgrammePlan { indicators.plan }
    var funds: FundTable { indicators.funds }
    var completion: Completion { indicators.completion }
    var deadlines: [TaskDeadline] { indicators.deadlines }
    var today: Day { indicators.today }
    func deadline(of taskCode: String) -> TaskDeadline? { indicators.deadline(of: taskCode) }

    static func load(_ req: Request, record: ProgrammeRecord? = nil) async throws -> ProgrammeView {
        let programme: ProgrammeRecord
        if let record { programme = record } else { programme = try await req.programme() }
        // Pages and the API may look at the programme as of an earlier date (?asOf=2021-12-02); default today.
        let asOf = try req.queryDay("asOf") ?? .today()
        return try await load(programme, countyName: try await req.countyShortName(), asOf: asOf, on: req.db)
    }

    static func load(_ programme: ProgrammeRecord, countyName: String, asOf: Day = .today(), on db: any Database) async throws -> ProgrammeView {
        let snapshot = try await ProgrammeSnapshotLoader.snapshot(of: programme, countyName: countyName, asOf: asOf, on: db)
        let sources = try await LiveIndicators.values(county: programme.countyCode, asOf: asOf, on: db)
        return ProgrammeView(record: programme, indicators: ProgrammeIndicators(snapshot: snapshot, sources: sources), sources: sources)
    }
}

/// Live values for targets whose actual comes from another module: the service network's
/// indicators as `network.<key>` (e.g. "network.villageStationsOperating"; keys in docs/network.md).
public enum LiveIndicators {
    public static func values(county: String, asOf: Day, on db: any Database) async throws -> [String: Decimal] {
        guard let code = try? DivisionCode(county), code.level == .county else { return [:] }
        let values = try await NetworkIndicators.all(county: code, day: asOf, on: db)
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

