import Audit
import FluentKit
import Foundation
import LogisticsCore
import XiangcunKit

/// The usual scan batch on PostgreSQL, done in one statement: every item valid, new
/// and of one kind that changes only the parcel's status (sorted, loaded, at the hub…), sent
/// by staff of the whole county. Its parcels are found and moved at once:
/// `UPDATE … SET status WHERE waybill = ANY(…) AND <what ScanRecorder.check allows>`, its
/// scans inserted from the UPDATE's rows in the same statement, the rollup added after it.
///
/// Why: `ScanBatch` finds each parcel twice (the read by waybill, then the write by id), sends
/// every parcel's row here to be checked and the scans' rows back. Here each parcel is found
/// once and only counts come back. (`bench ingest` on 2 cores: the scan phase's share of the
/// time did not move beyond the machine's noise; the server does less, PostgreSQL a little more.
/// See docs/logistics.md.)
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
        let groups = try await statement().rows(on: db, Group.init)
        guard groups.reduce(0, { $0 + $1.parcels }) == waybills.count else { throw ScanBatch.Stale.changed }
        var rollup = DailyRollup()
        if let columns = ScanRecorder.rollupColumns(kind) {
            for g in groups {
                let key = DailyRollup.Key(day: g.day, station: g.station, carrier: g.carrier, direction: g.direction)
                rollup.add(key, columns.count, Int64(g.parcels))
                if let grams = columns.grams { rollup.add(key, grams, g.grams) }
            }
        }
        try await rollup.apply(county: county.value, on: db)
        return waybills.indices.map { ScanResult(index: $0, waybill: waybills[$0], outcome: .created) }
    }

    /// The parcels moved per rollup key (day, station, carrier, direction) and their grams.
    struct Group: Sendable {
        var day: String
        var station: UUID?
        var carrier: String
        var direction: String
        var parcels: Int
        var grams: Int64

        init?(_ row: BulkRow) {
            guard let day = row.text(0), let carrier = row.text(2), let direction = row.text(3), let parcels = row.int(4), let grams = row.int(5) else { return nil }
            self.day = day; station = row.uuid(1); self.carrier = carrier; self.direction = direction; self.parcels = parcels; self.grams = Int64(grams)
        }
    }

    /// One statement: the UPDATE moving the parcels the rules allow, the INSERT of their scans
    /// (each joined to its item's time, place and note), and the moved parcels counted per
    /// rollup key. No parcel row comes back to this side.
    func statement() -> BulkStatement {
        var b = BulkStatement.Builder(.postgres)
        b.sql = "WITH moved AS (UPDATE \(BulkStatement.quoted(Parcel.schema)) SET status = "
        b.add(.text(kind.status))
        b.sql += " WHERE county_code = "
        b.add(.text(county.value))
        let countyParameter = "$\(b.pg.count)"
        b.sql += " AND waybill"
        b.isIn(texts: waybills)
        let waybillsParameter = "$\(b.pg.count)"
        b.sql += " AND " + (Self.conditions[kind] ?? "FALSE") + " RETURNING id, waybill, month, station_id, carrier_code, direction, weight_g), "
        b.sql += "items (waybill, at, day, place_id, note) AS ("
        itemsQuery(&b, waybills: waybillsParameter)
        b.sql += "), "
        b.sql += "scans AS (INSERT INTO \(BulkStatement.quoted(ScanEvent.schema)) (id, county_code, month, parcel_id, kind, at, day, place_id, actor, note) "
        b.sql += "SELECT gen_random_uuid(), \(countyParameter)::text, m.month, m.id, "
        b.add(.text(kind.rawValue))
        b.sql += "::text, i.at, i.day, i.place_id, "
        b.add(.text(actor.name))
        b.sql += "::text, i.note FROM moved m JOIN items i USING (waybill)) "
        b.sql += "SELECT i.day, m.station_id, m.carrier_code, m.direction, count(*), sum(m.weight_g)::bigint FROM moved m JOIN items i USING (waybill) "
        b.sql += "GROUP BY i.day, m.station_id, m.carrier_code, m.direction"
        return b.statement
    }

    /// The items as a query beside their waybills (bound already): a value every item shares
    /// bound once, the others as arrays unnested with the waybills.
    func itemsQuery(_ b: inout BulkStatement.Builder, waybills parameter: String) {
        var days = DayTexts()
        var columns = (0..<4).map { _ in PostgresArrayColumn(expectedRows: items.count) }
        for item in items {
            let at = item.at ?? now
            for (i, value) in [BulkValue.date(at), .text(days.iso(at)), item.place.map { .uuid($0) } ?? .null, .text(ScanBatch.note(item))].enumerated() {
                // Each column holds one kind of value (or NULL), so the append cannot fail.
                _ = columns[i].append(value)
            }
        }
        b.unnest(columns, bound: [("\(parameter)::text[]", "waybill")], nullTypes: ["timestamptz", "text", "uuid", "text"])
    }

    /// Each kind's condition, worked out once (the rules do not change while the server runs;
    /// per batch it was 40 checks and two UUIDs from the kernel).
    static let conditions = Dictionary(uniqueKeysWithValues: ScanKind.allCases.map { ($0, condition(for: $0)) })

    /// The parcels a scan of `kind` may move, as SQL: the directions, statuses and (where it
    /// matters) station presence for which `ScanRecorder.check` finds nothing wrong. A status or
    /// direction text the software does not write matches nothing (the usual way then answers).
    static func condition(for kind: ScanKind) -> String {
        var parts: [String] = []
        for direction in Direction.allCases {
            let withStation = statuses(kind, direction, station: UUID.random()), withoutStation = statuses(kind, direction, station: nil)
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
