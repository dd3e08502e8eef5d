import Audit
import FluentKit
import Foundation
import TraceCore
import XiangcunKit

public enum TraceError: Error, Sendable, Equatable {
    case notFound
}

/// Producers, the catalogue, standards and brands: every write in one transaction with its audit entry.
public enum CatalogueService {
    public static let producerKinds = ["enterprise", "cooperative", "familyFarm", "individual"]

    public struct ProducerInput: Sendable {
        public var kind = "", name = "", creditCode = "", idNumber = "", contactName = "", contactPhone = "", divisionCode = "", subjectCode = ""
        public init() {}
    }

    public static func createProducer(_ i: ProducerInput, county: DivisionCode, actor: AuditActor, sample: Bool = false, on db: any Database) async throws -> Producer {
        var f = ValidationFailure()
        if !producerKinds.contains(i.kind) { f.add("kind", "error.invalid") }
        let name = FieldRules.name(i.name, field: "name", into: &f)
        let contact = FieldRules.name(i.contactName, field: "contactName", into: &f)
        let credit = i.creditCode.trimmingCharacters(in: .whitespaces).uppercased()
        let idNo = i.idNumber.trimmingCharacters(in: .whitespaces).uppercased()
        if i.kind == "individual" {
            if !Identifiers.isValidIDNumber(idNo) { f.add("idNumber", "trace.error.idNumber") }
        } else if !Identifiers.isValidCreditCode(credit) { f.add("creditCode", "trace.error.creditCode") }
        let phone = i.contactPhone.trimmingCharacters(in: .whitespaces)
        if !phone.isEmpty, !(phone.count == 11 && phone.allSatisfy(\.isASCIIDigit) && phone.hasPrefix("1")) { f.add("contactPhone", "trace.error.phone") }
        let division = try? DivisionCode(i.divisionCode.trimmingCharacters(in: .whitespaces))
        if division.map({ !$0.isWithin(county) || $0 == county }) ?? true { f.add("divisionCode", "trace.error.division") }
        let subject = FieldRules.name(i.subjectCode, field: "subjectCode", limit: 40, required: false, into: &f)
        if let name, try await Producer.query(on: db).filter(\.$countyCode == county.value).filter(\.$name == name).first() != nil { f.add("name", "error.taken") }
        try f.throwIfAny()
        let p = Producer()
        p.countyCode = county.value; p.kind = i.kind; p.name = name ?? ""; p.contactName = contact ?? ""
        p.creditCode = i.kind == "individual" ? nil : credit
        p.idNumber = i.kind == "individual" ? idNo : nil
        p.contactPhone = phone.isEmpty ? nil : phone
        p.divisionCode = division?.value ?? ""; p.subjectCode = subject; p.sample = sample
        try await db.writeTransaction { tx in
            try await p.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: Producer.schema, entityID: try p.requireID().uuidString,
                                      county: county.value, new: auditValues(p))
        }
        return p
    }

    /// Personal data masked: the audit trail is read by more people than may see it.
    static func auditValues(_ p: Producer) -> AuditValues {
        ["kind": p.kind, "name": p.name, "creditCode": p.creditCode ?? "", "idNumber": p.idNumber.map(Identifiers.maskIDNumber) ?? "",
         "contactName": p.contactName, "contactPhone": p.contactPhone.map(Identifiers.maskPhone) ?? "", "division": p.divisionCode,
         "subjectCode": p.subjectCode ?? ""]
    }

    /// Links a user account (role producer) to a producer so it records that producer's batches.
    public static func linkUser(_ userID: UUID, to p: Producer, actor: AuditActor, on db: any Database) async throws {
        let id = try p.requireID()
        guard try await ProducerUser.query(on: db).filter(\.$producerID == id).filter(\.$userID == userID).first() == nil else { return }
        try await db.writeTransaction { tx in
            let link = ProducerUser()
            link.producerID = id; link.userID = userID; link.countyCode = p.countyCode
            try await link.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: ProducerUser.schema, entityID: id.uuidString,
                                      county: p.countyCode, new: ["user": userID.uuidString])
        }
    }

    public static func addCertification(to p: Producer, kind: String, number: String, from: String, to: String,
                                        actor: AuditActor, on db: any Database) async throws -> Certification {
        var f = ValidationFailure()
        if !Certificate.kinds.contains(kind) { f.add("kind", "error.invalid") }
        let no = FieldRules.name(number, field: "number", limit: 60, into: &f)
        let start = Day(from.trimmingCharacters(in: .whitespaces))
        let end = Day(to.trimmingCharacters(in: .whitespaces))
        if start == nil { f.add("validFrom", "error.date") }
        if end == nil { f.add("validTo", "error.date") }
        if let start, let end, end < start { f.add("validTo", "trace.error.order") }
        try f.throwIfAny()
        let c = Certification()
        c.producerID = try p.requireID(); c.countyCode = p.countyCode; c.kind = kind; c.number = no ?? ""
        c.validFrom = start?.iso ?? ""; c.validTo = end?.iso ?? ""
        try await db.writeTransaction { tx in
            try await c.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: Certification.schema, entityID: try c.requireID().uuidString,
                                      county: p.countyCode, new: ["producer": p.name, "kind": kind, "number": c.number, "from": c.validFrom, "to": c.validTo])
        }
        return c
    }

    public static func createBrand(_ name: String, county: DivisionCode, actor: AuditActor, on db: any Database) async throws -> Brand {
        var f = ValidationFailure()
        let n = FieldRules.name(name, field: "name", limit: 40, into: &f)
        if let n, try await Brand.query(on: db).filter(\.$countyCode == county.value).filter(\.$name == n).first() != nil { f.add("name", "error.taken") }
        try f.throwIfAny()
        let b = Brand()
        b.countyCode = county.value; b.name = n ?? ""
        try await db.writeTransaction { tx in
            try await b.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: Brand.schema, entityID: try b.requireID().uuidString, county: county.value, new: ["name": b.name])
        }
        return b
    }

    /// Grants a producer the brand (for one product, or all of theirs) between two days.
    public static func grant(_ b: Brand, to p: Producer, product: Product?, from: String, to: String, actor: AuditActor, on db: any Database) async throws -> BrandGrant {
        var f = ValidationFailure()
        let start = Day(from.trimmingCharacters(in: .whitespaces)), end = Day(to.trimmingCharacters(in: .whitespaces))
        if start == nil { f.add("validFrom", "error.date") }
        if end == nil { f.add("validTo", "error.date") }
        if let start, let end, end < start { f.add("validTo", "trace.error.order") }
        if b.countyCode != p.countyCode || (product.map { $0.countyCode != b.countyCode } ?? false) { f.add("producer", "trace.error.county") }
        try f.throwIfAny()
        let g = BrandGrant()
        g.countyCode = b.countyCode; g.brandID = try b.requireID(); g.producerID = try p.requireID(); g.productID = product?.id
        g.validFrom = start?.iso ?? ""; g.validTo = end?.iso ?? ""
        try await db.writeTransaction { tx in
            try await g.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: BrandGrant.schema, entityID: try g.requireID().uuidString, county: b.countyCode,
                                      new: ["brand": b.name, "producer": p.name, "product": product?.name ?? "*", "from": g.validFrom, "to": g.validTo])
        }
        return g
    }

    public static func revoke(_ g: BrandGrant, day: Day = .today(), reason: String, actor: AuditActor, on db: any Database) async throws {
        var f = ValidationFailure()
        let why = FieldRules.name(reason, field: "reason", limit: 200, into: &f)
        if g.revokedOn != nil { f.add("reason", "trace.error.alreadyRevoked") }
        try f.throwIfAny()
        g.revokedOn = day.iso; g.revokeReason = why
        try await db.writeTransaction { tx in
            try await g.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .update, entity: BrandGrant.schema, entityID: try g.requireID().uuidString, county: g.countyCode,
                                      new: ["revokedOn": day.iso, "reason": why ?? ""])
        }
    }

    /// The grants of a brand as the pure rule reads them.
    public static func grants(brand: UUID, on db: any Database) async throws -> [BrandRule.Grant] {
        try await BrandGrant.query(on: db).filter(\.$brandID == brand).all().compactMap { g in
            guard let from = Day(g.validFrom), let to = Day(g.validTo) else { return nil }
            return BrandRule.Grant(producer: g.producerID.uuidString, product: g.productID?.uuidString, from: from, to: to, revokedOn: g.revokedOn.flatMap(Day.init))
        }
    }
}

extension CatalogueService {
    /// Records the scanned certificate stored as evidence (its SHA-256 and file name).
    public static func attachEvidence(_ c: Certification, sha256: String, name: String, on db: any Database) async throws {
        c.evidenceSHA256 = sha256
        c.evidenceName = name
        try await c.save(on: db)
    }
}
