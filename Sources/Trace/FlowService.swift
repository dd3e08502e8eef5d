import Audit
import FluentKit
import Foundation
import TraceCore
import XiangcunKit

/// Where batches go after harvest: transformation (grading, processing), packing into cases,
/// shipping and receiving, and recall.
public enum FlowService {
    /// Transformation (加工 / 分级): input batches become a new output batch in one event.
    public static func transform(inputs: [(Batch, Double)], output: BatchService.BatchInput, step: String = "commissioning",
                                 county: DivisionCode, actor: AuditActor, today: Day = .today(), on db: any Database) async throws -> Batch {
        guard !inputs.isEmpty else { throw ValidationFailure(["inputs": "error.required"]) }
        guard inputs.allSatisfy({ $0.0.countyCode == county.value && $0.1 > 0 && $0.1 <= $0.0.quantity }) else { throw ValidationFailure(["inputs": "trace.error.quantity"]) }
        if let recalled = inputs.first(where: { $0.0.recalledAt != nil }) { throw ValidationFailure(["inputs": "trace.error.recalled|\(recalled.0.lot)"]) }
        return try await db.writeTransaction { tx in
            let out = try await BatchService.create(output, county: county, actor: actor, today: today, on: tx)
            var draft = EventDraft(kind: .transformation, time: Date(), bizStep: step)
            draft.inputs = inputs.map { ($0.0.uri, $0.1, $0.0.uom) }
            draft.quantities = [(out.uri, out.quantity, out.uom)]
            try await TraceEvents.store(try draft.event(), county: county.value, on: tx)
            return out
        }
    }

    /// Packing (装箱): batches into a case identified by `caseCode`, or — `intoParcel` — into the
    /// logistics parcel with that waybill (运单号), which is how a recall reaches the parcel.
    public static func aggregate(_ items: [(Batch, Double)], caseCode: String, intoParcel: Bool = false, county: DivisionCode,
                                 actor: AuditActor, on db: any Database) async throws -> String {
        guard DigitalLink.isValidValue(caseCode) else { throw ValidationFailure(["caseCode": "trace.error.code"]) }
        guard !items.isEmpty, items.allSatisfy({ $0.0.countyCode == county.value && $0.1 > 0 }) else { throw ValidationFailure(["items": "trace.error.quantity"]) }
        let parent = intoParcel ? DigitalLink.parcelURI(waybill: caseCode) : DigitalLink.caseURI(county: county.value, code: caseCode)
        var draft = EventDraft(kind: .aggregation, time: Date(), bizStep: "packing")
        draft.action = "ADD"
        draft.parent = parent
        draft.quantities = items.map { ($0.0.uri, $0.1, $0.0.uom) }
        let event = try draft.event()
        try await db.writeTransaction { tx in
            try await TraceEvents.store(event, county: county.value, on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: intoParcel ? "trace_parcels" : "trace_cases", entityID: caseCode, county: county.value,
                                      new: ["batches": items.map(\.0.lot).joined(separator: ",")])
        }
        return parent
    }

    /// Shipping (发货) or receiving (收货) of an item (a batch's URI or a case's) to or from a
    /// station of the network (`facility`) or a named party.
    public static func move(_ uri: String, quantity: Double?, uom: String?, movement: EPCISEvent.Movement, facility: UUID?, party: String,
                            county: DivisionCode, actor: AuditActor, on db: any Database) async throws {
        var f = ValidationFailure()
        let name = FieldRules.name(party, field: "party", limit: 60, required: facility == nil, into: &f)
        try f.throwIfAny()
        let place = facility.map(TraceEvents.facilityURI) ?? TraceEvents.partyURI(name ?? "")
        var draft = EventDraft(kind: .object, time: Date(), bizStep: movement.rawValue, disposition: movement == .shipping ? "in_transit" : "in_progress")
        if let quantity { draft.quantities = [(uri, quantity, uom)] } else { draft.quantities = [] }
        if movement == .shipping { draft.destination = place } else { draft.source = place }
        var json = try draft.event().json
        if quantity == nil { json["quantityList"] = nil; json["epcList"] = .array([.string(uri)]) }
        let event = try EPCISEvent(json: json)
        try await db.writeTransaction { tx in
            try await TraceEvents.store(event, county: county.value, on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: Shipment.schema, entityID: event.eventID, county: county.value,
                                      new: ["item": uri, "direction": movement.rawValue, "place": TraceEvents.destinationName(place)])
        }
    }

    /// Marks a batch recalled (召回) with the reason; its trace page and those of everything
    /// made from it warn from now on.
    public static func recall(_ b: Batch, reason: String, actor: AuditActor, on db: any Database) async throws {
        var f = ValidationFailure()
        let why = FieldRules.name(reason, field: "reason", limit: 200, into: &f)
        if b.recalledAt != nil { f.add("reason", "trace.error.alreadyRecalled") }
        try f.throwIfAny()
        b.recalledAt = Date(); b.recallReason = why
        try await db.writeTransaction { tx in
            try await b.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .update, entity: Batch.schema, entityID: try b.requireID().uuidString,
                                      county: b.countyCode, new: ["recalled": "true", "reason": why ?? ""])
        }
    }
}
