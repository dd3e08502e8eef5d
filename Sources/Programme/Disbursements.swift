import Audit
import FluentKit
import Foundation
import ProgrammeCore
import XiangcunKit

/// What a county administrator enters for a new disbursement.
public struct NewDisbursement: Sendable {
    public var fundRowID: UUID
    public var date: String
    public var amountYuan: String
    public var tranche: String
    public var basis: String
    public var category: String

    public init(fundRowID: UUID, date: String, amountYuan: String, tranche: String, basis: String, category: String) {
        self.fundRowID = fundRowID
        self.date = date
        self.amountYuan = amountYuan
        self.tranche = tranche
        self.basis = basis
        self.category = category
    }
}

public enum Disbursements {
    /// Records a disbursement as pending approval. Refused when it would take the row past its
    /// plan (counting pending and approved payments) or when its category (the row's own when
    /// left empty) is on the negative list.
    public static func create(_ input: NewDisbursement, programme: ProgrammeRecord, actor: AuditActor, on db: any Database) async throws -> DisbursementRecord {
        let programmeID = try programme.requireID()
        guard let row = try await FundRowRecord.query(on: db).filter(\.$id == input.fundRowID).filter(\.$programmeID == programmeID).first() else {
            throw ValidationFailure(["fundRowID": "error.invalid"])
        }
        var failure = ValidationFailure()
        // A payment is a fact: a real day, not after today (the same rule as every form).
        let date = FieldRules.factDay(input.date, field: "date", into: &failure)
        var amount = Money.zero
        do { amount = try Money(yuan: input.amountYuan) } catch { failure.add("amountYuan", input.amountYuan.isEmpty ? "error.required" : "error.invalid") }
        if failure.fields["amountYuan"] == nil && amount.fen <= 0 { failure.add("amountYuan", "error.amount.positive") }
        // A category left empty takes the fund-plan row's own category.
        let category = SpendingCategory(rawValue: input.category.isEmpty ? row.category : input.category)
        if category == nil { failure.add("category", "error.invalid") }
        else if category?.isNegativeList == true { failure.add("category", "error.negativeList") }
        if input.tranche.trimmingCharacters(in: .whitespaces).isEmpty { failure.add("tranche", "error.required") }
        try failure.throwIfAny()
        let requested = amount
        return try await db.writeTransaction { tx in
            // Re-read the row's payments inside the transaction so two clerks cannot both pass the check.
            let committed = try await DisbursementRecord.query(on: tx).filter(\.$fundRowID == input.fundRowID)
                .filter(\.$status != DisbursementStatus.rejected.rawValue).all().reduce(Int64(0)) { $0 + $1.amountFen }
            guard committed + requested.fen <= row.plannedFen else {
                // Say how much the row can still take, in the fund table's unit.
                var failure = ValidationFailure()
                failure.add("amountYuan", "error.overPlan", Money(fen: max(0, row.plannedFen - committed)).wanYuanText)
                throw failure
            }
            let d = DisbursementRecord()
            d.programmeID = programmeID; d.countyCode = programme.countyCode; d.fundRowID = input.fundRowID
            d.date = date?.iso ?? ""; d.amountFen = requested.fen; d.tranche = input.tranche; d.basis = input.basis
            d.category = category?.rawValue ?? SpendingCategory.other.rawValue; d.status = DisbursementStatus.pending.rawValue
            d.createdBy = actor.name; d.reviewComment = ""
            try await d.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: DisbursementRecord.schema, entityID: d.id?.uuidString ?? "",
                                      county: programme.countyCode, new: values(d))
            return d
        }
    }

    /// A county administrator approves (counts as disbursed) or rejects a pending disbursement.
    public static func review(_ d: DisbursementRecord, approve: Bool, comment: String, actor: AuditActor, on db: any Database) async throws {
        try await Review.decide(d, accept: approve, comment: comment, actor: actor, on: db)
    }

    static func values(_ d: DisbursementRecord) -> AuditValues {
        ["fundRow": d.fundRowID.uuidString, "date": d.date, "amount": Money(fen: d.amountFen).yuanText, "tranche": d.tranche,
         "basis": d.basis, "category": d.category, "status": d.status, "comment": d.reviewComment]
    }

    public static func find(_ id: UUID, programme: ProgrammeRecord, on db: any Database) async throws -> DisbursementRecord? {
        try await DisbursementRecord.query(on: db).filter(\.$id == id).filter(\.$programmeID == (try programme.requireID())).first()
    }
}

extension DisbursementRecord: Reviewable {
    static let waiting = DisbursementStatus.pending.rawValue
    static let accepted = DisbursementStatus.approved.rawValue
    static let refused = DisbursementStatus.rejected.rawValue

    var submitter: String? { createdBy }

    func recordReviewer(_ name: String, at time: Date) {
        approvedBy = name
        approvedAt = time
    }

    var auditValues: AuditValues { Disbursements.values(self) }
}
