import Audit
import Crypto
import FluentKit
import Foundation
import ProgrammeCore
import XiangcunKit

public enum ProgrammeEdits {
    /// The county's judged completion of a target (as a percentage 0–100, or empty to clear),
    /// which needs a reason.
    public static func setJudgedRate(_ target: TargetRecord, percent: String, reason: String, actor: AuditActor, on db: any Database) async throws {
        let old: AuditValues = ["judgedRate": target.judgedRate ?? "", "judgedReason": target.judgedReason]
        let trimmed = percent.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
        if trimmed.isEmpty {
            target.judgedRate = nil
            target.judgedReason = ""
        } else {
            guard let value = Decimal.exact(trimmed), value >= 0, value <= 100 else { throw ValidationFailure(["percent": "error.percent"]) }
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationFailure(["reason": "error.required"]) }
            target.judgedRate = (value / 100).storageText
            target.judgedReason = reason
        }
        try await db.writeTransaction { tx in
            try await target.save(on: tx)
            try await AuditLog.recordChanges(on: tx, actor: actor, entity: TargetRecord.schema, entityID: target.id?.uuidString ?? "",
                                             county: target.countyCode, old: old,
                                             new: ["judgedRate": target.judgedRate ?? "", "judgedReason": target.judgedReason])
        }
    }

    /// Saves the narrative texts of the self-assessment report (only changed keys are written).
    public static func saveNarratives(_ texts: [String: String], programme: ProgrammeRecord, actor: AuditActor, on db: any Database) async throws {
        let id = try programme.requireID()
        try await db.writeTransaction { tx in
            let existing = try await NarrativeRecord.query(on: tx).filter(\.$programmeID == id).all()
            for (key, text) in texts {
                if let record = existing.first(where: { $0.key == key }) {
                    guard record.text != text else { continue }
                    let old = record.text
                    record.text = text
                    try await record.save(on: tx)
                    try await AuditLog.record(on: tx, actor: actor, action: .update, entity: NarrativeRecord.schema, entityID: key,
                                              county: programme.countyCode, old: ["text": old], new: ["text": text])
                } else if !text.isEmpty {
                    let record = NarrativeRecord()
                    record.programmeID = id; record.countyCode = programme.countyCode; record.key = key; record.text = text
                    try await record.create(on: tx)
                    try await AuditLog.record(on: tx, actor: actor, action: .create, entity: NarrativeRecord.schema, entityID: key,
                                              county: programme.countyCode, new: ["text": text])
                }
            }
        }
    }

    /// Names of the contractors a user acts for.
    public static func contractorNames(of userID: UUID, programme: ProgrammeRecord, on db: any Database) async throws -> [String] {
        let memberships = try await ContractorMember.query(on: db).filter(\.$userID == userID).all().map(\.contractorID)
        guard !memberships.isEmpty else { return [] }
        return try await ContractorRecord.query(on: db).filter(\.$programmeID == (try programme.requireID()))
            .filter(\.$id ~~ memberships).all().map(\.name)
    }

    public static func addMember(userID: UUID, contractor: ContractorRecord, actor: AuditActor, on db: any Database) async throws {
        let m = ContractorMember()
        m.contractorID = try contractor.requireID(); m.userID = userID; m.countyCode = contractor.countyCode
        try await db.writeTransaction { tx in
            try await m.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: ContractorMember.schema, entityID: m.id?.uuidString ?? "",
                                      county: contractor.countyCode, new: ["contractor": contractor.name, "user": userID.uuidString])
        }
    }
}

/// Evidence files (佐证材料): photos (JPEG, PNG) and PDF up to 10 MB, stored once per content
/// hash under `<data dir>/evidence/`.
public enum Evidence {
    public static let maxBytes = 10 * 1024 * 1024

    /// `certification`: a producer's certificate scan (农产品与追溯), never public; `commerce`: photos
    /// and materials of training sessions and publicity (people and commerce); `pickup`: a station's
    /// photo proving a parcel was handed over (取件照片, logistics), staff only.
    public enum Kind: String, Sendable { case progress, disbursement, certification, commerce, pickup }

    /// The types `sniff` recognises, for a file field's `accept` list.
    public static let contentTypes = ["image/jpeg", "image/png", "application/pdf"]

    /// Why a file would be refused (a message key), or nil: checked before anything is written,
    /// so a bad file leaves no half-recorded disbursement or report.
    public static func refusal(_ data: Data) -> String? {
        if data.count > maxBytes { return "error.file.tooLarge" }
        if sniff(data) == nil { return "error.file.type" }
        return nil
    }

    /// The type the bytes really are (not what the browser claims), or nil if not allowed.
    public static func sniff(_ data: Data) -> String? {
        let b = [UInt8](data.prefix(8))
        if b.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if b.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        return nil
    }

    public static func store(_ data: Data, filename: String, kind: Kind, ownerID: UUID, county: String, isPublic: Bool,
                             dataDir: String, actor: AuditActor, on db: any Database) async throws -> EvidenceRecord {
        guard !data.isEmpty else { throw ValidationFailure(["file": "error.required"]) }
        guard data.count <= maxBytes else { throw ValidationFailure(["file": "error.file.tooLarge"]) }
        guard let type = sniff(data) else { throw ValidationFailure(["file": "error.file.type"]) }
        let hash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let dir = URL(fileURLWithPath: dataDir).appendingPathComponent("evidence")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(hash)
        if !FileManager.default.fileExists(atPath: path.path) { try data.write(to: path, options: .atomic) }
        let record = EvidenceRecord()
        record.countyCode = county; record.ownerKind = kind.rawValue; record.ownerID = ownerID
        record.filename = String(filename.replacingOccurrences(of: "/", with: "_").prefix(120)); record.contentType = type
        record.size = data.count; record.sha256 = hash; record.isPublic = isPublic
        try await db.writeTransaction { tx in
            try await record.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: EvidenceRecord.schema, entityID: record.id?.uuidString ?? "",
                                      county: county, new: ["owner": "\(kind.rawValue):\(ownerID.uuidString)", "file": record.filename, "sha256": hash,
                                                            "public": "\(isPublic)"])
        }
        return record
    }

    public static func path(of record: EvidenceRecord, dataDir: String) -> String {
        URL(fileURLWithPath: dataDir).appendingPathComponent("evidence").appendingPathComponent(record.sha256).path
    }

    public static func list(owner: UUID, on db: any Database) async throws -> [EvidenceRecord] {
        try await EvidenceRecord.query(on: db).filter(\.$ownerID == owner).sort(\.$createdAt).all()
    }
}

extension Evidence {
    /// A file the public may download: marked public, of this county, and supporting a progress
    /// report that was verified. Files of a report only submitted, or returned by the auditor,
    /// stay internal even when marked public, as do files supporting disbursements.
    public static func published(_ id: UUID, county: String, on db: any Database) async throws -> EvidenceRecord? {
        guard let record = try await EvidenceRecord.find(id, on: db), record.countyCode == county, record.isPublic,
              record.ownerKind == Kind.progress.rawValue,
              let report = try await ProgressRecord.find(record.ownerID, on: db), report.countyCode == county,
              report.status == ProgressStatus.verified.rawValue else { return nil }
        return record
    }
}
