import Audit
import FluentKit

/// The statistics tables: county versions and the figure cache (with the triggers that keep
/// them honest), online retail figures and their rollups, targets. Appended to `Storage.migrations`.
public struct CreateStatistics: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await CountyVersions.create(on: database)
        try await CountyCache.create(on: database)
        try await StatisticsTables.create(on: database)
        try await CountyVersions.installTriggers(on: database)
    }

    public func revert(on database: any Database) async throws {
        try await StatisticsTables.delete(on: database)
        try await CountyVersions.dropTriggers(on: database)
        try await database.schema(CountyCache.table).delete()
        try await database.schema(CountyVersions.table).delete()
    }
}
