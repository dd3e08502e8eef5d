import Audit
import FluentKit
import Foundation
import ProgrammeCore
import XiangcunKit

public enum ProgrammeError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound
    case forbidden
    case exists(batchYear: Int)
    case wrongCounty(String)
    case invalid([String: String])

    public var description: String {
        switch self {
        case .notFound: return "not found"
        case .forbidden: return "forbidden"
        case .exists(let year): return "a programme of batch \(year) already exists in this county (use replace to load it again)"
        case .wrongCounty(let code): return "the workbook is for county \(code), not this one"
        case .invalid(let fields): return fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
        }
    }
}

extension Decimal {
    /// Exact text form for storage ("177.5").
    var storageText: String { NSDecimalNumber(decimal: self).stringValue }

    /// A decimal written as plain digits (thousands separators allowed); nil for anything else.
    /// `Decimal(string:)` alone would read "12abc" as 12.
    static func exact(_ text: String) -> Decimal? {
        CellParse.decimalText(text).flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
    }
}

/// Storing a plan and reading the programme back as values.
public enum ProgrammeStore {
    /// The county's programmes, newest batch first.
    public static func programmes(county: DivisionCode, on db: any Database) async throws -> [ProgrammeRecord] {
        try await ProgrammeRecord.query(on: db).filter(\.$countyCode == county.value).sort(\.$batchYear, .descending).all()
    }

    /// The current programme of the county (the newest batch), if any.
    public static func current(county: DivisionCode, on db: any Database) async throws -> ProgrammeRecord? {
        try await programmes(county: county, on: db).first
    }

    /// Loads a validated plan into the county in one transaction. With `replace`, an existing
    /// programme of the same batch is removed first (its history stays in the audit trail).
    @discardableResult
    public static func importPlan(_ plan: ProgrammePlan, county: DivisionCode, replace: Bool, actor: AuditActor, on db: any Database) async throws -> ProgrammeRecord {
        guard let planCounty = try? DivisionCode(plan.info.countyCode), planCounty == county else {
            throw ProgrammeError.wrongCounty(plan.info.countyCode)
        }
        return try await db.writeTransaction { tx in
            if let existing = try await ProgrammeRecord.query(on: tx).filter(\.$countyCode == county.value)
                .filter(\.$batchYear == plan.info.batchYear).first() {
                guard replace else { throw ProgrammeError.exists(batchYear: plan.info.batchYear) }
                try await AuditLog.record(on: tx, actor: actor, action: .delete, entity: ProgrammeRecord.schema,
                                          entityID: existing.id?.uuidString ?? "", county: county.value, old: ["title": existing.title])
                try await existing.delete(on: tx)
            }
            let programme = try await PlanWriter(county: county.value, tx: tx).write(plan)
            try await AuditLog.record(on: tx, actor: actor, action: .import, entity: ProgrammeRecord.schema, entityID: programme.id?.uuidString ?? "",
                                      county: county.value, new: ["title": plan.info.title, "batchYear": "\(plan.info.batchYear)",
                                      "tasks": "\(plan.tasks.count)", "targets": "\(plan.targets.count)", "fundRows": "\(plan.fundRows.count)",
                                      "contracted": plan.contractedTotal.wanYuanText, "disbursements": "\(plan.disbursements.count)"])
            return programme
        }
    }
}

/// Writes a plan's rows for one new programme.
struct PlanWriter {
    let county: String
    let tx: any Database

    func write(_ plan: ProgrammePlan) async throws -> ProgrammeRecord {
        let p = ProgrammeRecord()
        p.countyCode = county
        p.batchYear = plan.info.batchYear
        p.title = plan.info.title
        p.approvalDate = plan.info.approvalDate?.iso
        p.centralAllocatedFen = plan.info.centralFundsAllocated.fen
        p.localMatchingFen = plan.info.localMatchingFunds.fen
        p.enterpriseFen = plan.info.enterpriseFunds.fen
        p.status = plan.info.status.rawValue
        p.leadershipGroup = plan.info.leadershipGroup
        p.office = plan.info.office
        p.supervision = plan.info.supervision
        try await p.create(on: tx)
        let id = try p.requireID()
        for s in plan.subsystems { try await subsystem(s, id).create(on: tx) }
        for t in plan.tasks { try await task(t, id).create(on: tx) }
        for t in plan.targets { try await target(t, id).create(on: tx) }
        var contractorIDs: [String: UUID] = [:]
        for c in plan.contractors {
            let record = contractor(c, id)
            try await record.create(on: tx)
            contractorIDs[c.name] = try record.requireID()
        }
        var rowIDs: [String: UUID] = [:]
        for (index, row) in plan.fundRows.enumerated() {
            guard let contractorID = contractorIDs[row.contractor] else { throw ProgrammeError.invalid(["fundRows": "unknown contractor \(row.contractor)"]) }
            let record = fundRow(row, id, contractorID, index)
            try await record.create(on: tx)
            rowIDs[row.contractor + "\u{1F}" + row.content] = try record.requireID()
        }
        for d in plan.disbursements {
            guard let rowID = rowIDs[d.contractor + "\u{1F}" + d.content] else { throw ProgrammeError.invalid(["disbursements": "no fund row \(d.contractor) / \(d.content)"]) }
            let category = plan.fundRows.first { $0.contractor == d.contractor && $0.content == d.content }?.category ?? .other
            try await disbursement(d, id, rowID, category).create(on: tx)
        }
        for entry in plan.progress { try await progress(entry, id).create(on: tx) }
        for (key, text) in plan.narratives {
            let n = NarrativeRecord()
            n.programmeID = id; n.countyCode = county; n.key = key; n.text = text
            try await n.create(on: tx)
        }
        return p
    }

    func subsystem(_ s: SubsystemPlan, _ id: UUID) -> SubsystemRecord {
        let r = SubsystemRecord()
        r.programmeID = id; r.countyCode = county; r.code = s.code; r.name = s.name; r.sortOrder = s.order
        return r
    }

    func task(_ t: TaskPlan, _ id: UUID) -> TaskRecord {
        let r = TaskRecord()
        r.programmeID = id; r.countyCode = county; r.subsystemCode = t.subsystemCode; r.code = t.code; r.name = t.name
        r.description = t.description; r.hardwareDeadline = t.hardwareDeadline?.iso; r.operationDeadline = t.operationDeadline?.iso
        r.deadlineNote = t.deadlineNote; r.responsibleUnits = t.responsibleUnits.joined(separator: "、"); r.contractors = t.contractors.joined(separator: "、")
        return r
    }

    func target(_ t: TargetPlan, _ id: UUID) -> TargetRecord {
        let r = TargetRecord()
        r.programmeID = id; r.countyCode = county; r.taskCode = t.taskCode; r.code = t.code; r.metric = t.metric; r.unit = t.unit
        r.comparator = t.comparator.rawValue; r.value = t.value.storageText; r.source = t.source; r.judgedRate = nil; r.judgedReason = ""
        return r
    }

    func contractor(_ c: ContractorPlan, _ id: UUID) -> ContractorRecord {
        let r = ContractorRecord()
        r.programmeID = id; r.countyCode = county; r.name = c.name; r.creditCode = c.creditCode; r.selection = c.selection
        r.agreementDate = c.agreementDate?.iso; r.consortium = c.consortium
        return r
    }

    func fundRow(_ f: FundPlanRow, _ id: UUID, _ contractorID: UUID, _ order: Int) -> FundRowRecord {
        let r = FundRowRecord()
        r.programmeID = id; r.countyCode = county; r.contractorID = contractorID; r.content = f.content; r.subsystemCode = f.subsystemCode
        r.plannedFen = f.planned.fen; r.category = f.category.rawValue; r.sortOrder = order
        return r
    }

    func disbursement(_ d: DisbursementPlan, _ id: UUID, _ rowID: UUID, _ category: SpendingCategory) -> DisbursementRecord {
        let r = DisbursementRecord()
        r.programmeID = id; r.countyCode = county; r.fundRowID = rowID; r.date = d.date.iso; r.amountFen = d.amount.fen
        r.tranche = d.tranche; r.basis = d.basis; r.category = category.rawValue; r.status = d.status.rawValue
        r.createdBy = "import"; r.approvedBy = d.status == .approved ? "import" : nil; r.reviewComment = ""
        return r
    }

    func progress(_ e: ProgressEntry, _ id: UUID) -> ProgressRecord {
        let r = ProgressRecord()
        r.programmeID = id; r.countyCode = county; r.targetCode = e.targetCode; r.asOf = e.asOf.iso; r.actual = e.actual.storageText
        r.narrative = e.narrative; r.status = e.status.rawValue; r.reviewComment = e.reviewComment; r.submittedBy = "import"
        return r
    }
}
