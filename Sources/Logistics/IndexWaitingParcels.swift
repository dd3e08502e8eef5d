import FluentKit
import LogisticsCore
import SQLKit

/// The station indexes without the parcel's status in them: a station's parcels by intake time,
/// and a partial index of the parcels waiting at a station for their recipients.
///
/// Why: the old index (station, status) moved every parcel's entry at every scan, the most of a
/// scan batch's UPDATE (received → sorted → loaded → at the hub rewrote it each time). Now no
/// index names the status: only arriving at the station and being picked up touch one. On
/// PostgreSQL a status change is then a heap-only update (no new entry in any of the table's
/// five indexes) where its page has room. The table's fill factor of 50 leaves that room: a
/// batch changes every parcel of a page at once, and each new version must fit beside the old
/// one until the batch commits (at 80, 56 of 200 were heap-only). The station list reads its
/// parcels by intake time (newest first, one page at a time); the waiting list and the pick-up
/// by code read the partial index.
public struct IndexWaitingParcels: AsyncMigration {
    public init() {}

    /// Arrived and not picked up: the partial index's condition (columns only the arrival and
    /// the pick-up write).
    static let arrivedNotPickedUp = "arrived_at IS NOT NULL AND picked_up_at IS NULL"

    /// Parcels waiting at their station: a query must name the index's condition as written
    /// here (a bound value does not let the planner use a partial index).
    public static let waitingFilter = arrivedNotPickedUp + " AND status = '\(ScanKind.arrivedStation.rawValue)'"

    public func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS logistics_parcels_station").run()
        try await sql.raw("CREATE INDEX logistics_parcels_station ON logistics_parcels (station_id, received_at)").run()
        try await sql.raw(SQLQueryString("CREATE INDEX logistics_parcels_waiting ON logistics_parcels (station_id, arrived_at) WHERE \(unsafeRaw: Self.arrivedNotPickedUp)")).run()
        if sql.dialect.name == "postgresql" { try await sql.raw("ALTER TABLE logistics_parcels SET (fillfactor = 50)").run() }
    }

    public func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" { try await sql.raw("ALTER TABLE logistics_parcels RESET (fillfactor)").run() }
        try await sql.raw("DROP INDEX IF EXISTS logistics_parcels_waiting").run()
        try await sql.raw("DROP INDEX IF EXISTS logistics_parcels_station").run()
        try await sql.raw("CREATE INDEX logistics_parcels_station ON logistics_parcels (station_id, status)").run()
    }
}
