import Audit
import FluentKit
import Foundation
import LogisticsCore
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
    /// `setup`: the county's intake setup as kept by the caller; nil: read now.
    public static func ingest(_ items: [ParcelInput], county: DivisionCode, actor: AuditActor, station fixed: UUID? = nil, sample: Bool = false,
                              setup: IntakeSetup? = nil, on db: any Database, now: Date = Date()) async throws -> [IngestResult] {
        let setup = if let setup { setup } else { try await IntakeSetup.load(county: county, on: db) }
        let matcher = setup.matcher, plan = setup.plan
        var results: [IngestResult] = []
        var accepted: [(index: Int, record: ParcelRecord, station: UUID?, mismatch: Bool)] = []
        var seen = Set<String>()
        let codes = setup.carrierCodes, villages = setup.knownVillages
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
        let rows = accepted.sorted { $0.record.waybill < $1.record.waybill }.map { ParcelWrite.Row(record: $0.record, station: $0.station, mismatch: $0.mismatch) }
        // Built before the transaction: it holds the write lock (SQLite) only while rows are written.
        let write = ParcelWrite(rows, county: county.value, actor: actor.name, sample: sample, engine: BulkStatement.engine(of: db))
        @Sendable func run(_ tx: any Database, assumingNew: Bool) async throws -> Set<String> {
            let created = try await write.run(on: tx, assumingNew: assumingNew)
            if !created.isEmpty {
                try await AuditLog.record(on: tx, actor: actor, action: .import, entity: "logistics.parcels", entityID: "batch", county: county.value,
                                          new: ["created": "\(created.count)", "items": "\(items.count)"], at: now)
            }
            return created
        }
        // Inside a caller's transaction a failed statement would end it: no optimistic try there.
        let optimistic = !db.inTransaction
        let created: Set<String>
        do {
            created = try await db.writeTransaction { tx in try await run(tx, assumingNew: optimistic) }
        } catch where optimistic && BulkStatement.isUniqueViolation(error) {
            created = try await db.writeTransaction { tx in try await run(tx, assumingNew: false) }
        }
        for a in accepted {
            let isNew = created.contains(a.record.waybill)
            results.append(IngestResult(index: a.index, waybill: a.record.waybill, outcome: isNew ? .created : .duplicate, station: a.station,
                                        suggestedCarriers: a.mismatch ? matcher.suggest(a.record.waybill) : nil))
        }
        return results.sorted { $0.index < $1.index }
    }
}

extension Day {
    /// "yyyy-MM": the scans' partition key.
    public var monthText: String { String(iso.prefix(7)) }
}
