import Audit
import FluentKit
import Foundation
import LogisticsCore
import XiangcunKit

/// One scan batch worked out against its parcels as read: the rejected items, the scans to
/// write, and (`settle`) each parcel's new state and the rollup counts.
struct ScanBatch: Sendable {
    /// The parcels changed between the read and the write: the batch must be done again.
    enum Stale: Error { case changed }

    /// Whether the optimistic write failed because the batch is stale: `Stale`, or on
    /// PostgreSQL a scan that exists (the plain INSERT's unique violation) or a deadlock with
    /// another batch moving some of the same parcels (its rows are not locked in an order first;
    /// the batch done again inside its transaction locks them in id order).
    static func isStale(_ error: any Error) -> Bool {
        error is Stale || BulkStatement.isUniqueViolation(error) || BulkStatement.isDeadlock(error)
    }

    struct Pending: Sendable {
        var index: Int
        var waybill: String
        var kind: ScanKind
        var at: Date
    }

    /// What the batch leaves: the reply, the parcels' final states, the rollup counts.
    struct Settled: Sendable {
        var results: [ScanResult]
        var states: [ParcelState]
        var rollup: DailyRollup
    }

    let county: DivisionCode
    let engine: BulkStatement.Engine
    /// The parcels as read, by waybill.
    let parcels: [String: ParcelState]
    /// Rejected items and repeats within the batch.
    let early: [ScanResult]
    /// Scans that passed the checks, in item order.
    let pending: [Pending]
    var writer: ScanWriter

    /// The item's waybill as stored (the text as sent when it is not one: then no parcel has it).
    static func waybill(_ item: ScanInput) -> String { ParcelRules.waybill(item.waybill) ?? item.waybill }

    /// The item's note as stored: one kind of line break, at most 200 characters.
    static func note(_ item: ScanInput) -> String { item.note.map { String(FieldRules.normalisedLineBreaks($0).prefix(200)) } ?? "" }

    /// Reads the batch's parcels and checks each item against them.
    static func plan(_ items: [ScanInput], county: DivisionCode, actor: AuditActor, station: UUID?,
                     on db: any Database, now: Date) async throws -> ScanBatch {
        // Per-item text work before the reads.
        let waybills = items.map(waybill)
        let notes = items.map(note)
        let parcels = try await ParcelState.byWaybill(waybills, county: county, on: db)
        var early: [ScanResult] = []
        var pending: [Pending] = []
        var writer = ScanWriter(county: county.value)
        var keys = Set<String>()
        for (i, item) in items.enumerated() {
            let waybill = waybills[i]
            switch ScanRecorder.check(item, parcel: parcels[waybill], station: station, now: now) {
            case .failure(let f):
                early.append(ScanResult(index: i, waybill: waybill, outcome: .rejected, errors: f.fields))
            case .success(let (parcel, kind)):
                guard keys.insert(parcel.key + "/" + kind.rawValue).inserted else {
                    early.append(ScanResult(index: i, waybill: waybill, outcome: .duplicate)); continue
                }
                let at = item.at ?? now
                writer.add(parcel: parcel.id, month: parcel.month, kind: kind, at: at, place: item.place ?? station,
                           actor: actor.name, note: notes[i])
                pending.append(Pending(index: i, waybill: waybill, kind: kind, at: at))
            }
        }
        return ScanBatch(county: county, engine: BulkStatement.engine(of: db), parcels: parcels, early: early, pending: pending, writer: writer)
    }

    /// Applies the scans that were written (`inserted`: "parcel id/kind" of each; nil: all of
    /// them) to their parcels; the others are resends, answered `duplicate`.
    func settle(inserted: Set<String>?) -> Settled {
        // The parcels this batch changes, apart: changing a copy of all of them copied every
        // parcel's state (thousands per batch) to change a few.
        var changed: [String: ParcelState] = [:]
        changed.reserveCapacity(pending.count)
        var results = early
        var rollup = DailyRollup()
        var days = DayTexts()
        for p in pending {
            guard var parcel = changed[p.waybill] ?? parcels[p.waybill] else { continue }
            guard inserted?.contains(parcel.key + "/" + p.kind.rawValue) ?? true else {
                results.append(ScanResult(index: p.index, waybill: p.waybill, outcome: .duplicate,
                                          pickupCode: p.kind == .arrivedStation ? parcel.pickupCode : nil))
                continue
            }
            let (day, dayText) = days.day(p.at)
            ScanRecorder.apply(p.kind, at: p.at, day: day, dayText: dayText, to: &parcel, rollup: &rollup)
            changed[p.waybill] = parcel
            results.append(ScanResult(index: p.index, waybill: p.waybill, outcome: .created,
                                      pickupCode: p.kind == .arrivedStation ? parcel.pickupCode : nil))
        }
        return Settled(results: results.sorted { $0.index < $1.index }, states: Array(changed.values), rollup: rollup)
    }

    /// The batch as if every scan is new, with its writes made ready (before the lock is taken).
    func assumingAllNew() -> Optimistic {
        let settled = settle(inserted: nil)
        let changes = settled.states.map { (read: parcels[$0.waybill], final: $0) }
        // PostgreSQL: plain INSERTs (a recorded scan fails the batch with a unique violation, and
        // `ScanRecorder` does it again); SQLite skips it and counts what was written.
        return Optimistic(county: county.value, scans: writer.statements(engine, returning: false, skipExisting: engine == .sqlite), expectedScans: pending.count,
                          updates: ParcelState.updates(changes, engine: engine), expectedUpdates: changes.count, settled: settled)
    }

    /// The writes of a batch prepared from a read outside the write transaction, done only if
    /// they all still apply.
    struct Optimistic: Sendable {
        let county: String
        let scans: [BulkStatement]
        let expectedScans: Int
        /// Each writes a parcel only where its status (and a missing station) is as read.
        let updates: [BulkStatement]
        let expectedUpdates: Int
        let settled: Settled

        /// Writes everything (call inside the write transaction), or throws when a scan already
        /// existed or a parcel is no longer as read: `Stale.changed`, or on PostgreSQL the
        /// unique violation or deadlock `isStale` names.
        func commitIfCurrent(on db: any Database) async throws -> [ScanResult] {
            var written = 0
            for statement in scans { written += try await statement.changedRows(on: db) }
            guard written == expectedScans else { throw Stale.changed }
            var updated = 0
            for statement in updates { updated += try await statement.changedRows(on: db) }
            guard updated == expectedUpdates else { throw Stale.changed }
            try await settled.rollup.apply(county: county, on: db)
            return settled.results
        }
    }
}
