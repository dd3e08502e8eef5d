import FluentKit
import Logistics

/// The carriers and the sorting aliases bump the county version too: with the service network
/// and the divisions (watched already) they are everything parcel intake's setup is read from,
/// so a server keeps that setup (`IntakeSetupCache` in Web) only while none of it has changed.
public struct WatchSortingTables: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await CountyVersions.installTriggers(on: database, tables: IntakeSetup.tables)
    }

    public func revert(on database: any Database) async throws {
        // Only this migration's triggers: the functions stay for the statistics tables.
        try await CountyVersions.dropTriggers(on: database, tables: IntakeSetup.tables, keepFunctions: true)
    }
}
