import Audit
import FluentKit
import Foundation
import XiangcunKit

/// A record that counts only once someone else has accepted it: a disbursement (pending →
/// approved / rejected, by the county administrator) or a progress report (submitted →
/// verified / returned, by the auditor or the county).
protocol Reviewable: Model, Sendable where IDValue == UUID {
    /// The status of a record still waiting for its review.
    static var waiting: String { get }
    /// The status after acceptance (approved, verified): from then on the record counts.
    static var accepted: String { get }
    /// The status after refusal (rejected, returned).
    static var refused: String { get }
    var status: String { get set }
    var countyCode: String { get }
    var reviewComment: String { get set }
    /// Who recorded or submitted the record: they may not review it themselves.
    var submitter: String? { get }
    /// Stores who decided and when, in the record's own columns.
    func recordReviewer(_ name: String, at time: Date)
    /// What the audit trail keeps of the record.
    var auditValues: AuditValues { get }
}

/// The one review both kinds of record go through.
enum Review {
    /// Only a record still waiting can be reviewed, and refusing it needs a comment (it tells the
    /// submitter what to fix). The decision and its audit entry are written in one transaction.
    /// The one who recorded it may not decide it, unless the county allows it (`ReviewSettings`).
    static func decide<R: Reviewable>(_ record: R, accept: Bool, comment: String, actor: AuditActor, on db: any Database) async throws {
        guard record.status == R.waiting else { throw ValidationFailure(["status": "error.notPending"]) }
        if let submitter = record.submitter, submitter == actor.name,
           !(try await ReviewSettings.selfReviewAllowed(county: record.countyCode, on: db)) {
            throw ValidationFailure(["status": "error.selfReview"])
        }
        if !accept && comment.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationFailure(["comment": "error.required"]) }
        let old = record.auditValues
        record.status = accept ? R.accepted : R.refused
        record.reviewComment = comment
        record.recordReviewer(actor.name, at: Date())
        try await db.writeTransaction { tx in
            try await record.save(on: tx)
            try await AuditLog.recordChanges(on: tx, actor: actor, entity: R.schema, entityID: record.id?.uuidString ?? "",
                                             county: record.countyCode, old: old, new: record.auditValues)
        }
    }
}
