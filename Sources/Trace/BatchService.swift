import Audit
import FluentKit
import Foundation
import TraceCore
import XiangcunKit

/// Batches and what happens to them; each step is stored as an EPCIS event in the same
/// transaction as its row and audit entry.
public enum BatchService {
    public struct BatchInput: Sendable {
        public var productID: UUID?
        public var producerID: UUID?
        public var lot = "", origin = "", harvestedOn = "", quantity = "", uom = "KGM"
        public var brandID: UUID?
        public init() {}
    }

    public static func linkProduct(_ p: Product) -> DigitalLink.Product {
        if let g = p.gtin.flatMap(GTIN.init) { return .gtin(g) }
        return .countyCode(p.code)
    }

    /// Commissions a batch (批次建档). A brand the producer is not authorised to use on this
    /// product, on this day, refuses the batch with the reason.
    public static func create(_ i: BatchInput, county: DivisionCode, actor: AuditActor, sample: Bool = false, today: Day = .today(),
                              on db: any Database) async throws -> Batch {
        var f = ValidationFailure()
        let product = try await i.productID.asyncMap { try await Product.find($0, on: db) }.flatMap { $0?.countyCode == county.value ? $0 : nil }
        let producer = try await i.producerID.asyncMap { try await Producer.find($0, on: db) }.flatMap { $0?.countyCode == county.value ? $0 : nil }
        if product == nil { f.add("productID", "error.required") }
        if producer == nil { f.add("producerID", "error.required") }
        let lot = i.lot.trimmingCharacters(in: .whitespaces)
        if !DigitalLink.isValidValue(lot) { f.add("lot", "trace.error.code") }
        let origin = FieldRules.name(i.origin, field: "origin", limit: 100, into: &f)
        var harvest: Day?
        if !i.harvestedOn.trimmingCharacters(in: .whitespaces).isEmpty { harvest = FieldRules.factDay(i.harvestedOn, field: "harvestedOn", today: today, into: &f) }
        let qty = Double(i.quantity.trimmingCharacters(in: .whitespaces))
        if qty.map({ !($0 > 0 && $0 < 1e9) }) ?? true { f.add("quantity", "trace.error.quantity") }
        let uom = i.uom.trimmingCharacters(in: .whitespaces).uppercased()
        if !(2...3).contains(uom.count) || !uom.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) { f.add("uom", "trace.error.uom") }
        if let product, DigitalLink.isValidValue(lot), try await Batch.query(on: db).filter(\.$productID == product.id ?? UUID()).filter(\.$lot == lot).first() != nil {
            f.add("lot", "error.taken")
        }
        var brand: Brand?
        if let brandID = i.brandID, let product, let producer {
            brand = try await Brand.find(brandID, on: db).flatMap { $0.countyCode == county.value ? $0 : nil }
            if let b = brand, let refusal = BrandRule.check(producer: try producer.requireID().uuidString, product: try product.requireID().uuidString,
                                                            on: today, grants: try await CatalogueService.grants(brand: try b.requireID(), on: db)) {
                f.add("brandID", "trace.brand.refused.\(refusal.rawValue)")
            } else if brand == nil { f.add("brandID", "error.invalid") }
        }
        try f.throwIfAny()
        guard let product, let producer else { throw TraceError.notFound }
        let brandName = brand?.name ?? ""
        let b = Batch()
        b.countyCode = county.value; b.productID = try product.requireID(); b.producerID = try producer.requireID(); b.lot = lot
        b.uri = DigitalLink.lotURI(product: linkProduct(product), lot: lot); b.brandID = brand?.id; b.origin = origin ?? ""
        b.harvestedOn = harvest?.iso; b.quantity = qty ?? 0; b.uom = uom; b.sample = sample
        var draft = EventDraft(kind: .object, time: Date(), bizStep: "commissioning", disposition: "active")
        draft.action = "ADD"
        draft.quantities = [(b.uri, b.quantity, b.uom)]
        draft.ilmd = ["xc:origin": .string(b.origin)].merging(harvest.map { ["xc:harvestDate": .string($0.iso)] } ?? [:]) { a, _ in a }
        draft.extensions = ["producer": .string(producer.name)]
        let event = try draft.event()
        try await db.writeTransaction { tx in
            try await b.create(on: tx)
            try await TraceEvents.store(event, county: county.value, on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: Batch.schema, entityID: try b.requireID().uuidString, county: county.value,
                                      new: ["product": product.name, "producer": producer.name, "lot": lot, "brand": brandName, "quantity": i.quantity])
        }
        return b
    }

    public static let recordKinds = ["sowing", "fertiliser", "pesticide", "irrigation", "harvest", "other"]

    /// A production record (生产记录). A pesticide whose safety interval the batch's harvest
    /// falls inside is refused, as is a harvest inside the interval of a recorded pesticide.
    public static func addRecord(to b: Batch, kind: String, day: String, input: String, intervalDays: String, note: String,
                                 actor: AuditActor, today: Day = .today(), on db: any Database) async throws -> ProductionRecord {
        var f = ValidationFailure()
        if !recordKinds.contains(kind) { f.add("kind", "error.invalid") }
        let d = FieldRules.factDay(day, field: "day", today: today, into: &f)
        let name = FieldRules.name(input, field: "input", limit: 60, required: kind != "harvest", into: &f)
        var interval: Int?
        if kind == "pesticide" { interval = FieldRules.count(intervalDays, field: "intervalDays", limit: 365, into: &f) }
        let text = FieldRules.text(note, field: "note", limit: 500, into: &f)
        try f.throwIfAny()
        guard let d else { throw TraceError.notFound }
        let days = interval
        let id = try b.requireID()
        var applications = try await pesticides(of: id, on: db)
        if let interval, let name { applications.append(.init(pesticide: name, appliedOn: d, intervalDays: interval)) }
        let harvest = kind == "harvest" ? d : b.harvestedOn.flatMap(Day.init)
        if let harvest, let worst = SafetyInterval.violations(harvest: harvest, applications).first {
            throw ValidationFailure([kind == "harvest" ? "day" : "intervalDays": "trace.error.safetyInterval|\(worst.pesticide)|\(worst.appliedOn.iso)|\(worst.intervalDays)|\(worst.earliestHarvest.iso)"])
        }
        let r = ProductionRecord()
        r.batchID = id; r.countyCode = b.countyCode; r.kind = kind; r.day = d.iso; r.inputName = name ?? ""; r.intervalDays = interval; r.note = text
        var draft = EventDraft(kind: .object, time: d.startInBeijing.addingTimeInterval(12 * 3600), bizStep: kind == "harvest" ? "commissioning" : "other")
        draft.quantities = [(b.uri, b.quantity, b.uom)]
        draft.extensions = ["record": .string(kind), "input": .string(r.inputName), "note": .string(text)]
        if let interval { draft.extensions["safetyIntervalDays"] = .number(Double(interval)) }
        let event = try draft.event()
        try await db.writeTransaction { tx in
            try await r.create(on: tx)
            if kind == "harvest" { b.harvestedOn = d.iso; try await b.save(on: tx) }
            try await TraceEvents.store(event, county: b.countyCode, on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: ProductionRecord.schema, entityID: try r.requireID().uuidString,
                                      county: b.countyCode, new: ["batch": b.lot, "kind": kind, "day": d.iso, "input": r.inputName, "interval": days.map(String.init) ?? ""])
        }
        return r
    }

    static func pesticides(of batch: UUID, on db: any Database) async throws -> [SafetyInterval.Application] {
        try await ProductionRecord.query(on: db).filter(\.$batchID == batch).filter(\.$kind == "pesticide").all().compactMap { r in
            guard let day = Day(r.day), let n = r.intervalDays else { return nil }
            return .init(pesticide: r.inputName, appliedOn: day, intervalDays: n)
        }
    }

    /// An inspection result (检测), recorded by an inspector or the county.
    public static func inspect(_ b: Batch, day: String, item: String, passed: Bool, note: String, inspector: String,
                               actor: AuditActor, today: Day = .today(), on db: any Database) async throws -> Inspection {
        var f = ValidationFailure()
        let d = FieldRules.factDay(day, field: "day", today: today, into: &f)
        let what = FieldRules.name(item, field: "item", limit: 60, into: &f)
        let text = FieldRules.text(note, field: "note", limit: 500, into: &f)
        try f.throwIfAny()
        let i = Inspection()
        i.batchID = try b.requireID(); i.countyCode = b.countyCode; i.day = d?.iso ?? ""; i.item = what ?? ""; i.passed = passed; i.note = text; i.inspector = inspector
        var draft = EventDraft(kind: .object, time: (d ?? today).startInBeijing.addingTimeInterval(12 * 3600), bizStep: "inspecting",
                               disposition: passed ? "conformant" : "non_conformant")
        draft.quantities = [(b.uri, b.quantity, b.uom)]
        draft.extensions = ["inspectionItem": .string(i.item), "note": .string(text)]
        let event = try draft.event()
        try await db.writeTransaction { tx in
            try await i.create(on: tx)
            try await TraceEvents.store(event, county: b.countyCode, on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: Inspection.schema, entityID: try i.requireID().uuidString,
                                      county: b.countyCode, new: ["batch": b.lot, "item": i.item, "passed": "\(passed)", "day": i.day])
        }
        return i
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let w): return try await transform(w)
        case .none: return nil
        }
    }
}
