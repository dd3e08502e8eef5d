import Fluent
import Logistics
import Statistics
import Synchronization
import Vapor
import XiangcunKit

/// 收件设置缓存 — each county's intake setup (carriers, sorting plan) kept with the county version
/// read before it was loaded. A batch then costs one indexed read of the version instead of five
/// queries and a few hundred rows: every write to what the setup is read from bumps the version
/// inside its transaction (`WatchSortingTables`, and the service network and divisions, watched
/// already), so a kept setup is used only while it is current, on every server sharing the database.
/// Kept with the application, not in `CountyCache.memo`'s memory: that memory is the process's,
/// keyed without the database, so it is on only in `serve`; this one also holds in the tests and
/// in `bench ingest`, which run applications on several databases in one process.
final class IntakeSetupCache: Sendable {
    struct Entry: Sendable {
        var version: Int64
        var setup: IntakeSetup
    }

    private let entries = Mutex([String: Entry]())

    /// The county's setup: the kept one while the version is unchanged, else read and kept.
    func setup(county: DivisionCode, on db: any Database) async throws -> IntakeSetup {
        // Read first: a write committed between this read and the load leaves the entry a
        // version behind, so the next batch reloads (never the other way round).
        let version = try await CountyVersions.current(county.value, on: db)
        if let kept = entries.withLock({ $0[county.value] }), kept.version == version { return kept.setup }
        let setup = try await IntakeSetup.load(county: county, on: db)
        entries.withLock { $0[county.value] = Entry(version: version, setup: setup) }
        return setup
    }
}

struct IntakeSetupCacheKey: StorageKey { typealias Value = IntakeSetupCache }

extension Application {
    /// Set once in `configure`.
    var intakeSetupCache: IntakeSetupCache { storage[IntakeSetupCacheKey.self] ?? IntakeSetupCache() }
}
