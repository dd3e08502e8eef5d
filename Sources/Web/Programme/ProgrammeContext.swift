import Accounts
import Composition
import Divisions
import Fluent
import Programme
import ProgrammeCore
import Statistics
import Vapor
import XiangcunKit

/// What pages that show only computed figures need: `plan`, `funds`, `completion`, `deadlines`.
protocol ProgrammeComputed {
    var indicators: ProgrammeIndicators { get }
}

extension ProgrammeComputed {
    var snapshot: ProgrammeSnapshot { indicators.snapshot }
    var plan: ProgrammePlan { indicators.plan }
    var funds: FundTable { indicators.funds }
    var completion: Completion { indicators.completion }
    var deadlines: [TaskDeadline] { indicators.deadlines }
    func deadline(of taskCode: String) -> TaskDeadline? { indicators.deadline(of: taskCode) }
}

/// The programme's computed figures without its rows, the snapshot read through the county cache
/// (`CountyCache`: recomputed only after a write to the county's programme or network rows).
/// For the dashboard and the public page, which are read far more often than written.
struct ProgrammeFigures: ProgrammeComputed, Sendable {
    let record: ProgrammeRecord
    let indicators: ProgrammeIndicators
    let sources: [String: Decimal]
    /// The county version and live figures these were computed at: what a rendering of them
    /// depends on (`CountyCache.memo`).
    let version: Int64
    let inputs: String

    /// `version`: the county's current version if the caller has just read it.
    static func load(_ programme: ProgrammeRecord, countyName: String, asOf: Day = .today(), version known: Int64? = nil,
                     on db: any Database) async throws -> ProgrammeFigures {
        let version = try await CountyVersions.current(programme.countyCode, known: known, on: db)
        let snapshot = try await CachedFigures.programmeSnapshot(programme, countyName: countyName, asOf: asOf, version: version, on: db)
        let sources = try await LiveIndicators.values(county: programme.countyCode, asOf: asOf, version: version, on: db)
        let inputs = LiveIndicators.digest(sources)
        // Completion of every target is recomputed only when the rows or a live figure changed.
        let indicators = CountyCache.memo("programme.indicators", key: "\(try programme.requireID())|\(asOf.iso)|\(countyName)",
                                          county: programme.countyCode, version: version, inputs: inputs) {
            ProgrammeIndicators(snapshot: snapshot, sources: sources)
        }
        return ProgrammeFigures(record: programme, indicators: indicators, sources: sources, version: version, inputs: inputs)
    }
}

/// The programme as its pages and the API read it: every stored row, read once
/// (`ProgrammeRows`), and the computations over them with the live values other capabilities
/// feed in. `ProgrammeView` (Composition) computes the same from a read of its own and keeps
/// no rows; pages need the rows too (ids for links and forms, review comments), so they read
/// them here once rather than again after the view.
struct ProgrammeData: ProgrammeComputed, Sendable {
    let rows: ProgrammeRows
    let indicators: ProgrammeIndicators
    /// Live indicator values (e.g. from the service network) the computations used.
    let sources: [String: Decimal]

    var record: ProgrammeRecord { rows.programme }

    static func load(_ programme: ProgrammeRecord, countyName: String, asOf: Day = .today(), on db: any Database) async throws -> ProgrammeData {
        let rows = try await ProgrammeRows.load(programme, on: db)
        let sources = try await LiveIndicators.values(county: programme.countyCode, asOf: asOf, on: db)
        let snapshot = ProgrammeSnapshotLoader.snapshot(rows, countyName: countyName, asOf: asOf)
        return ProgrammeData(rows: rows, indicators: ProgrammeIndicators(snapshot: snapshot, sources: sources), sources: sources)
    }

    /// The current programme of the county in view (404 without one), as of `?asOf=yyyy-mm-dd`
    /// (pages and the API may look at an earlier date; default today).
    static func load(_ req: Request, record: ProgrammeRecord? = nil) async throws -> ProgrammeData {
        let programme: ProgrammeRecord
        if let record { programme = record } else { programme = try await req.programme() }
        let asOf = try req.queryDay("asOf") ?? .today()
        return try await load(programme, countyName: try await req.countyShortName(), asOf: asOf, on: req.db)
    }
}

extension Request {
    /// The current programme of the county in view, or 404.
    func programme() async throws -> ProgrammeRecord {
        _ = try require(.readProgramme)
        let county = try requireCounty()
        guard let programme = try await ProgrammeStore.current(county: county, on: db) else { throw Abort(.notFound) }
        return programme
    }

    /// Contractor staff may only report for their own contractors; nil means "any" (the county).
    func reportingContractors(_ programme: ProgrammeRecord) async throws -> [String]? {
        let user = try require(.reportProgress)
        guard user.userRole == .contractor else { return nil }
        return try await ProgrammeEdits.contractorNames(of: try user.requireID(), programme: programme, on: db)
    }

    /// A UUID path parameter or 404.
    func uuid(_ name: String) throws -> UUID {
        guard let id = parameters.get(name, as: UUID.self) else { throw Abort(.notFound) }
        return id
    }

    /// The county's short name ("遂昌县") for report titles.
    func countyShortName() async throws -> String {
        let county = try requireCounty()
        return try await Division.find(county.value, on: db)?.name ?? county.short
    }
}
