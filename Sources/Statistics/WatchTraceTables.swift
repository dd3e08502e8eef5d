import FluentKit

/// The traceability tables whose rows a public trace page shows (products, standards,
/// producers, brands, batches, inspections, events and the links a recall walks) bump the
/// county version too, so the trace page's cached rendering (`PublicTraceCache` in Web) is
/// used only while nothing it shows has changed. Scan counts, certificates, event items and
/// shipments are not watched: the page does not show them (items and shipments are written
/// with their event, which is).
public struct WatchTraceTables: AsyncMigration {
    public static let tables = [
        "trace_producers", "trace_products", "trace_standards", "trace_brands", "trace_batches",
        "trace_inspections", "trace_events", "trace_links",
    ]

    public init() {}

    public func prepare(on database: any Database) async throws {
        try await CountyVersions.installTriggers(on: database, tables: Self.tables)
    }

    public func revert(on database: any Database) async throws {
        // Only this migration's triggers: the functions stay for the statistics tables.
        try await CountyVersions.dropTriggers(on: database, tables: Self.tables, keepFunctions: true)
    }
}
