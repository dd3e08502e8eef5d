import Audit
import FluentKit
import Foundation
import LogisticsCore
import XiangcunKit

/// The usual scan batch on PostgreSQL, done in one statement per step: every item valid, new
/// and of one kind that changes only the parcel's status (sorted, loaded, at the hub…), sent
/// by staff of the whole county. Its parcels are found and moved at once:
/// `UPDATE … SET status WHERE waybill = ANY(…) AND <what ScanRecorder.check allows> RETURNING`
/// the parcels, then the scans inserted and the rollup added, in one transaction.
///
/// Why: `ScanBatch` finds each parcel twice, the read by waybill and then the write by id.
/// On PostgreSQL finding a row costs about the same whatever the plan (5 µs), so the second
/// search was a third of the API side's own database work in `bench ingest`.
///
/// When any item fails (an unknown waybill, a parcel whose state the rules refuse, a scan
/// recorded already) the transaction rolls back and `ScanRecorder` does the batch its usual
/// way, which answers each item. `ScanRecorder.check` stays the one place of the rules: the
/// UPDATE's condition is worked out from it, over every direction, status and station.
struct StatusScans: Sendable {
    let county: DivisionCode
    let kind: ScanKind
    let items: [ScanInput]
    /// Each item's waybill as stored (normalised), all different.
    let waybills: [String]
    let actor: AuditActor
    let now: Date

    /// The batch, if it is the usual kind: nil sends it the usual way.
    init?(_ items: [ScanInput], county: DivisionCode, actor: AuditActor, station: UUID?, engine: BulkStatement.Engine, now: Date) {
        guard engine == .postgres, station == nil, let first = items.first, let kind = ScanKind(rawValue: first.kind),
              ScanRecorder.changesStatusOnly(kind), items.allSatisfy({ $0.kind == first.kind && !ScanRecorder.isFuture($0.at, now: now) })
        else { return nil }
        let waybills = items.map(ScanBatch.waybill)
        guard Set(waybills).count == waybills.count else { return nil }
        self.county = county; self.kind = kind; self.items = items; self.waybills = waybills; self.actor = actor; self.now = now
    }

    /// Moves the parcels, writes the scans and the rollup (call inside the write transaction);
    /// throws `ScanBatch.Stale` (or the unique violation `ScanBatch.isStale` names) when any
    /// item is not what the usual batch assumes.
    func commit(on db: any Database) async throws -> [ScanResult] {
        var b = BulkStatement.Builder(.postgres)
        let table = BulkStatement.quoted(Parcel.schema)
        b.sql = "UPDATE \(table) SET status = "
        b.add(.text(kind.status))
        b.sql += " WHERE county_code = "
        b.add(.text(county.value))
        b.sql += " AND waybill"
        b.isIn(texts: waybills)
        b.sql += " AND " + Self.condition(for: kind) + " RETURNING " + ParcelState.columns.map(BulkStatement.quoted).joined(separator: ", ")
        var parcels: [String: ParcelState] = [:]
        parcels.reserveCapacity(waybills.count)
        for p in try await b.statement.rows(on: db, ParcelState.init) { parcels[p.waybill] = p }
        guard parcels.count == waybills.count else { throw ScanBatch.Stale.changed }

        var writer = ScanWriter(county: county.value)
        var rollup = DailyRollup()
        var days = DayTexts()
        var results: [ScanResult] = []
        results.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard var parcel = parcels[waybills[i]] else { throw ScanBatch.Stale.changed }
            let at = item.at ?? now, (day, dayText) = days.day(at), pickupCode = parcel.pickupCode
            ScanRecorder.apply(kind, at: at, day: day, dayText: dayText, to: &parcel, rollup: &rollup)
            // The UPDATE wrote the status alone: a kind that changes more goes the usual way.
            guard parcel.shape == 0, parcel.pickupCode == pickupCode else { throw ScanBatch.Stale.changed }
            writer.add(parcel: parcel.id, month: parcel.month, kind: kind, at: at, place: item.place, actor: actor.name,
                       note: ScanBatch.note(item))
            results.append(ScanResult(index: i, waybill: waybills[i], outcome: .created))
        }
        // Plain INSERTs: a scan recorded already fails the batch with a unique violation. In any
        // order: the UPDATE holds the parcels' rows, so no other batch scans them meanwhile.
        for statement in writer.statements(.postgres, returning: false, skipExisting: false, inKeyOrder: false) { try await statement.run(on: db) }
        try await rollup.apply(county: county.value, on: db)
        return results
    }

    /// The parcels a scan of `kind` may move, as SQL: the directions, statuses and (where it
    /// matters) station presence for which `ScanRecorder.check` finds nothing wrong. A status or
    /// direction text the software does not write matches nothing (the usual way then answers).
    static func condition(for kind: ScanKind) -> String {
        var parts: [String] = []
        for direction in Direction.allCases {
            let withStation = statuses(kind, direction, station: UUID()), withoutStation = statuses(kind, direction, station: nil)
            let sides = withStation == withoutStation ? [(withStation, "")]
                : [(withStation, " AND station_id IS NOT NULL"), (withoutStation, " AND station_id IS NULL")]
            for (statuses, station) in sides where !statuses.isEmpty {
                parts.append("(direction = '\(direction.rawValue)' AND status IN (" + statuses.map { "'\($0)'" }.joined(separator: ", ") + ")\(station))")
            }
        }
        return parts.isEmpty ? "FALSE" : "(" + parts.joined(separator: " OR ") + ")"
    }

    static func statuses(_ kind: ScanKind, _ direction: Direction, station: UUID?) -> [String] {
        ScanKind.allCases.filter { status in
            var failure = ValidationFailure()
            ScanRecorder.check(kind, direction: direction, status: status, station: station, operatorStation: nil, into: &failure)
            return failure.isEmpty
        }.map(\.status)
    }
}
