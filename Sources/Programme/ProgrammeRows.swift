import FluentKit
import Foundation
import ProgrammeCore
import XiangcunKit

/// Every stored row of one programme, read in one go. The snapshot is computed from these rows,
/// and pages take what the computations do not carry (ids for links and forms, review comments,
/// who submitted) from the same rows instead of reading them a second time.
public struct ProgrammeRows: Sendable {
    public let programme: ProgrammeRecord
    /// In their order in the plan.
    public let subsystems: [SubsystemRecord]
    /// By code, "1.9" before "1.10".
    public let tasks: [TaskRecord]
    /// By code, "1.9" before "1.10".
    public let targets: [TargetRecord]
    /// By name.
    public let contractors: [ContractorRecord]
    /// In their order in the fund plan.
    public let fundRows: [FundRowRecord]
    /// By date.
    public let disbursements: [DisbursementRecord]
    /// By as-of date.
    public let progress: [ProgressRecord]
    public let narratives: [NarrativeRecord]

    public static func load(_ p: ProgrammeRecord, on db: any Database) async throws -> ProgrammeRows {
        ProgrammeRows(
            programme: p,
            subsystems: try await ProgrammeQueries.subsystems(of: p, on: db),
            tasks: try await ProgrammeQueries.tasks(of: p, on: db),
            targets: try await ProgrammeQueries.targets(of: p, on: db),
            contractors: try await ProgrammeQueries.contractors(of: p, on: db),
            fundRows: try await ProgrammeQueries.fundRows(of: p, on: db),
            disbursements: try await ProgrammeQueries.disbursements(of: p, on: db),
            progress: try await ProgrammeQueries.progress(of: p, status: nil, on: db),
            narratives: try await ProgrammeQueries.narratives(of: p, on: db))
    }

    /// Contractor names by id (fund-plan rows refer to their contractor by id).
    public var contractorNames: [UUID: String] {
        Dictionary(contractors.compactMap { c in c.id.map { ($0, c.name) } }, uniquingKeysWith: { a, _ in a })
    }

    public func contractorName(_ id: UUID) -> String? { contractors.first { $0.id == id }?.name }

    public func fundRow(_ id: UUID) -> FundRowRecord? { fundRows.first { $0.id == id } }

    public func task(_ id: UUID) -> TaskRecord? { tasks.first { $0.id == id } }

    public func task(code: String) -> TaskRecord? { tasks.first { $0.code == code } }

    public func target(_ id: UUID) -> TargetRecord? { targets.first { $0.id == id } }
}

/// The programme's reads that pages and the API share, each scoped to one programme so that an
/// id from another county's programme is simply not found.
public enum ProgrammeQueries {
    /// By name.
    public static func contractors(of p: ProgrammeRecord, on db: any Database) async throws -> [ContractorRecord] {
        try await ContractorRecord.query(on: db).filter(\.$programmeID == (try p.requireID())).sort(\.$name).all()
    }

    public static func contractor(_ id: UUID, of p: ProgrammeRecord, on db: any Database) async throws -> ContractorRecord? {
        try await ContractorRecord.query(on: db).filter(\.$id == id).filter(\.$programmeID == (try p.requireID())).first()
    }

    /// In their order in the plan.
    public static func subsystems(of p: ProgrammeRecord, on db: any Database) async throws -> [SubsystemRecord] {
        try await SubsystemRecord.query(on: db).filter(\.$programmeID == (try p.requireID())).sort(\.$sortOrder).all()
    }

    public static func task(code: String, of p: ProgrammeRecord, on db: any Database) async throws -> TaskRecord? {
        try await TaskRecord.query(on: db).filter(\.$programmeID == (try p.requireID())).filter(\.$code == code).first()
    }

    public static func target(_ id: UUID, of p: ProgrammeRecord, on db: any Database) async throws -> TargetRecord? {
        try await TargetRecord.query(on: db).filter(\.$id == id).filter(\.$programmeID == (try p.requireID())).first()
    }

    /// By code, "1.9" before "1.10".
    public static func tasks(of p: ProgrammeRecord, on db: any Database) async throws -> [TaskRecord] {
        try await TaskRecord.query(on: db).filter(\.$programmeID == (try p.requireID())).all().sorted { ProgrammeSnapshotLoader.codeOrder($0.code, $1.code) }
    }

    /// By code, "1.9" before "1.10".
    public static func targets(of p: ProgrammeRecord, on db: any Database) async throws -> [TargetRecord] {
        try await TargetRecord.query(on: db).filter(\.$programmeID == (try p.requireID())).all().sorted { ProgrammeSnapshotLoader.codeOrder($0.code, $1.code) }
    }

    /// In their order in the fund plan.
    public static func fundRows(of p: ProgrammeRecord, on db: any Database) async throws -> [FundRowRecord] {
        try await FundRowRecord.query(on: db).filter(\.$programmeID == (try p.requireID())).sort(\.$sortOrder).all()
    }

    public static func narratives(of p: ProgrammeRecord, on db: any Database) async throws -> [NarrativeRecord] {
        try await NarrativeRecord.query(on: db).filter(\.$programmeID == (try p.requireID())).all()
    }

    /// By date.
    public static func disbursements(of p: ProgrammeRecord, on db: any Database) async throws -> [DisbursementRecord] {
        try await DisbursementRecord.query(on: db).filter(\.$programmeID == (try p.requireID())).sort(\.$date).all()
    }

    /// By as-of date, of one status or all.
    public static func progress(of p: ProgrammeRecord, status: ProgressStatus?, on db: any Database) async throws -> [ProgressRecord] {
        let query = ProgressRecord.query(on: db).filter(\.$programmeID == (try p.requireID()))
        if let status { query.filter(\.$status == status.rawValue) }
        return try await query.sort(\.$asOf).all()
    }

    /// The review queue: newest first, at most `limit`, of one status or all.
    public static func reviewQueue(of p: ProgrammeRecord, status: ProgressStatus?, limit: Int, on db: any Database) async throws -> [ProgressRecord] {
        let query = ProgressRecord.query(on: db).filter(\.$programmeID == (try p.requireID()))
        if let status { query.filter(\.$status == status.rawValue) }
        return try await query.sort(\.$createdAt, .descending).limit(limit).all()
    }
}

extension Evidence {
    /// The files supporting any of these progress reports or disbursements, oldest first.
    public static func list(owners: [UUID], on db: any Database) async throws -> [EvidenceRecord] {
        try await EvidenceRecord.query(on: db).filter(\.$ownerID ~~ owners).sort(\.$createdAt).all()
    }
}
