import Audit
import FluentKit
import Foundation
import ProgrammeCore
import XiangcunKit

public struct NewProgress: Sendable {
    public var targetID: UUID
    public var asOf: String
    public var actual: String
    public var narrative: String

    public init(targetID: UUID, asOf: String, actual: String, narrative: String) {
        self.targetID = targetID
        self.asOf = asOf
        self.actual = actual
        self.narrative = narrative
    }
}

public enum ProgressReports {
    /// A contractor reports an actual value; only for targets of tasks assigned to one of
    /// `contractorNames` (nil = any target, for county administrators).
    public static func submit(_ input: NewProgress, programme: ProgrammeRecord, contractorNames: [String]?, actor: AuditActor, on db: any Database) async throws -> ProgressRecord {
        let programmeID = try programme.requireID()
        guard let target = try await TargetRecord.query(on: db).filter(\.$id == input.targetID).filter(\.$programmeID == programmeID).first() else {
            throw ProgrammeError.notFound
        }
        if let names = contractorNames {
            let task = try await TaskRecord.query(on: db).filter(\.$programmeID == programmeID).filter(\.$code == target.taskCode).first()
            let assigned = ProgrammeSnapshotLoader.split(task?.contractors ?? "")
            guard !Set(assigned).isDisjoint(with: names) else { throw ProgrammeError.forbidden }
        }
        var failure = ValidationFailure()
        // A report states a fact: a real day, not after today (the same rule as every form).
        let day = FieldRules.factDay(input.asOf, field: "asOf", into: &failure)
        let actual = Decimal.exact(input.actual.replacingOccurrences(of: ",", with: ""))
        if actual == nil { failure.add("actual", input.actual.isEmpty ? "error.required" : "error.actual") }
        else if let a = actual, a < 0 { failure.add("actual", "error.actual") }
        let narrative = FieldRules.text(input.narrative, field: "narrative", into: &failure)
        try failure.throwIfAny()
        let r = ProgressRecord()
        r.programmeID = programmeID; r.countyCode = programme.countyCode; r.targetCode = target.code; r.asOf = day?.iso ?? ""
        r.actual = actual?.storageText ?? "0"; r.narrative = narrative; r.status = ProgressStatus.submitted.rawValue
        r.reviewComment = ""; r.submittedBy = actor.name
        try await db.writeTransaction { tx in
            try await r.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: ProgressRecord.schema, entityID: r.id?.uuidString ?? "",
                                      county: programme.countyCode, new: values(r))
        }
        return r
    }

    /// The auditor or the county verifies a report (it then counts) or returns it with a comment.
    public static func review(_ r: ProgressRecord, verify: Bool, comment: String, actor: AuditActor, on db: any Database) async throws {
        try await Review.decide(r, accept: verify, comment: comment, actor: actor, on: db)
    }

    static func values(_ r: ProgressRecord) -> AuditValues {
        ["target": r.targetCode, "asOf": r.asOf, "actual": r.actual, "narrative": r.narrative, "status": r.status, "comment": r.reviewComment]
    }

    public static func find(_ id: UUID, programme: ProgrammeRecord, on db: any Database) async throws -> ProgressRecord? {
        try await ProgressRecord.query(on: db).filter(\.$id == id).filter(\.$programmeID == (try programme.requireID())).first()
    }
}

extension ProgressRecord: Reviewable {
    static let waiting = ProgressStatus.submitted.rawValue
    static let accepted = ProgressStatus.verified.rawValue
    static let refused = ProgressStatus.returned.rawValue
    var submitter: String? { submittedBy }

    func recordReviewer(_ name: String, at time: Date) {
        reviewedBy = name
        reviewedAt = time
    }

    var auditValues: AuditValues { ProgressReports.values(self) }
}
