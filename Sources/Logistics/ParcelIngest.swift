import Audit
import FluentKit
import Foundation
import LogisticsCore
import SQLKit
import XiangcunKit

/// What happened to one item of a batch.
public struct IngestResult: Sendable, Codable, Equatable {
    public enum Outcome: String, Sendable, Codable { case created, duplicate, rejected }
    public var index: Int
    public var waybill: String
    public var outcome: Outcome
    /// Field → message key, for a rejected item.
    public var errors: [String: String]?
    /// The station it was sorted to (nil: in the exceptions queue, or rejected).
    public var station: UUID?
    /// Carriers whose pattern the waybill matches when the declared one's does not.
    public var suggestedCarriers: [String]?
}

/// Parcel intake (收件入库): a batch in, each parcel created once. Resending a batch creates
/// nothing new: the waybill is unique per county and the insert skips what exists. The batch
/// is one transaction, so a reply is only sent for what is committed.
public enum ParcelIngest {
    public static let maxBatch = 5000

    /// `station`: the station taking the items in (a station's own outbound collection);
    /// otherwise each item is sorted by its village code or address.
    public static func ingest(_ items: [ParcelInput], county: DivisionCode, actor: AuditActor, station fixed: UUID? = nil, sample: Bool = false,
                              on db: any Database, now: Date = Date()) async throws -> [IngestResult] {
        let carriers = try await LogisticsSetup.carriers(county: county, on: db)
        let matcher = CarrierMatcher(carriers.map(\.spec))
        let plan = try await LogisticsSetup.sortingPlan(county: county, on: db)
        var results: [IngestResult] = []
        var accepted: [(index: Int, record: ParcelRecord, station: UUID?, mismatch: Bool)] = []
        var seen = Set<String>()
        let codes = Set(carriers.map(\.code)), villages = Set(plan.villagesNamed.values.joined())
        for (i, item) in items.enumerated() {
            switch ParcelRules.check(item, carriers: codes, county: county, now: now, knownVillages: villages) {
            case .failure(let f):
                results.append(IngestResult(index: i, waybill: item.waybill, outcome: .rejected, errors: f.fields))
            case .success(let r):
                guard seen.insert(r.waybill).inserted else {
                    results.append(IngestResult(index: i, waybill: r.waybill, outcome: .duplicate)); continue
                }
                let station = fixed ?? plan.station(villageCode: r.villageCode, address: r.address)
                accepted.append((i, r, station, matcher.mismatch(r.waybill, declared: r.carrier)))
            }
        }
        // In waybill order: two batches sharing waybills wait on them in the same order.
        let rows = accepted.sorted { $0.record.waybill < $1.record.waybill }.map { ($0.record, $0.station, $0.mismatch) }
        let created = try await db.writeTransaction { tx in
            let created = try await insert(rows, county: county, actor: actor, sample: sample, on: tx)
            if !created.isEmpty {
                try await AuditLog.record(on: tx, actor: actor, action: .import, entity: "logistics.parcels", entityID: "batch", county: county.value,
                                          new: ["created": "\(created.count)", "items": "\(items.count)"], at: now)
            }
            return created
        }
        for a in accepted {
            let isNew = created.contains(a.record.waybill)
            results.append(IngestResult(index: a.index, waybill: a.record.waybill, outcome: isNew ? .created : .duplicate, station: a.station,
                                        suggestedCarriers: a.mismatch ? matcher.suggest(a.record.waybill) : nil))
        }
        return results.sorted { $0.index < $1.index }
    }

    static let parcelColumns = [
        "id", "county_code", "waybill", "carrier_code", "direction", "status", "recipient_name", "recipient_phone", "phone_last4",
        "village_code", "address", "station_id", "weight_g", "cod_fen", "pickup_code", "producer", "product", "month", "intake_day",
        "received_at", "exception", "carrier_mismatch", "sample",
    ]

    /// Inserts the parcels that do not exist yet (skipping existing waybills), their first scan
    /// and the rollup; returns the waybills created. Call inside a transaction.
    static func insert(_ parcels: [(record: ParcelRecord, station: UUID?, mismatch: Bool)], county: DivisionCode, actor: AuditActor,
                       sample: Bool, on db: any Database) async throws -> Set<String> {
        guard let sql = db as? any SQLDatabase, !parcels.isEmpty else { return [] }
        var created = Set<String>()
        var ids: [String: (UUID, Int)] = [:]
        var scans = ScanWriter(county: county.value)
        let perChunk = LogisticsBulk.rowsPerStatement(columns: parcelColumns.count)
        for start in stride(from: 0, to: parcels.count, by: perChunk) {
            let insert = sql.insert(into: Parcel.schema).columns(parcelColumns)
            for (offset, p) in parcels[start..<min(start + perChunk, parcels.count)].enumerated() {
                let id = UUID()
                ids[p.record.waybill] = (id, start + offset)
                insert.values(row(id: id, p.record, station: p.station, mismatch: p.mismatch, county: county.value, sample: sample,
                                  day: scans.iso(Day.today(now: p.record.receivedAt))))
            }
            insert.ignoringConflicts(with: ["county_code", "waybill"])
            for row in try await insert.returning("waybill").all() {
                if let w = try? row.decode(column: "waybill", as: String.self) { created.insert(w) }
            }
        }
        var rollup = DailyRollup()
        for waybill in created {
            guard let (id, i) = ids[waybill] else { continue }
            let (r, station, _) = parcels[i]
            let kind: ScanKind = r.direction == .inbound ? .received : .collected
            let day = Day.today(now: r.receivedAt), iso = scans.iso(day)
            scans.add(parcel: id, month: String(iso.prefix(7)), kind: kind, at: r.receivedAt, day: day, place: r.direction == .outbound ? station : nil,
                      actor: actor.name, note: "")
            let key = DailyRollup.Key(day: iso, station: station, carrier: r.carrier, direction: r.direction.rawValue)
            if r.direction == .inbound {
                rollup.add(key, "received")
                if station == nil { rollup.add(key, "exceptions") }
            } else {
                rollup.add(key, "collected")
                rollup.add(key, "collected_g", Int64(r.weightGrams))
            }
        }
        _ = try await scans.flush(on: sql)
        try await rollup.apply(county: county.value, on: db)
        return created
    }

    /// `day`: the intake day (Beijing) as "yyyy-MM-dd".
    static func row(id: UUID, _ r: ParcelRecord, station: UUID?, mismatch: Bool, county: String, sample: Bool, day: String) -> [any SQLExpression] {
        let status: ScanKind = r.direction == .inbound ? .received : .collected
        let values: [any Encodable & Sendable] = [
            id, county, r.waybill, r.carrier, r.direction.rawValue, status.rawValue, r.recipientName, r.recipientPhone, r.phoneLast4,
            r.villageCode, r.address, station, r.weightGrams, r.codFen, String?.none, r.producer, r.product, String(day.prefix(7)), day,
            r.receivedAt, station == nil && r.direction == .inbound, mismatch, sample,
        ]
        return values.map { SQLBind($0) }
    }
}

extension Day {
    /// "yyyy-MM": the scans' partition key.
    public var monthText: String { String(iso.prefix(7)) }
}
