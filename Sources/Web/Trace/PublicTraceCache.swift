import Fluent
import Foundation
import Statistics
import Synchronization
import Trace
import Vapor
import XiangcunKit

/// 追溯页缓存 — the public trace page's rendered HTML per address and language, kept with the
/// county version (`CountyVersions`) read before the page's data was loaded. A hit costs one
/// indexed read of that version: every write to a table the page shows bumps it inside the
/// writing transaction (triggers, `WatchTraceTables`), so a cached page is served only while
/// nothing on it has changed, on every server sharing the database.
///
/// Scan counts (扫码次数) are tallied here too and written every `flushInterval` in one
/// transaction, so a view never waits for a write; a crash loses at most that many seconds.
final class PublicTraceCache: Sendable {
    struct Key: Hashable, Sendable {
        var path: String
        var language: Language
    }

    struct Entry: Sendable {
        var county: String
        var version: Int64
        var html: String
        /// The batch a view of this page counts a scan for (nil: a product-only page).
        var batchID: UUID?
    }

    struct State {
        var entries: [Key: Entry] = [:]
        var tallies: [TraceQueries.ScanTally: Int] = [:]
        var lastFlush = ContinuousClock.now
    }

    /// Enough for every label of a busy season; beyond it the cache starts over (a miss only
    /// costs a normal render).
    static let capacity = 50_000
    let flushInterval: Duration
    private let state = Mutex(State())

    init(flushInterval: Duration = .seconds(2)) { self.flushInterval = flushInterval }

    func entry(_ key: Key) -> Entry? { state.withLock { $0.entries[key] } }

    func store(_ key: Key, _ entry: Entry) {
        state.withLock { s in
            if s.entries.count >= Self.capacity { s.entries.removeAll(keepingCapacity: true) }
            s.entries[key] = entry
        }
    }

    /// Counts one view; every `flushInterval` the request that finds the tally due writes it.
    func countScan(batch: UUID, county: String, on db: any Database) async throws {
        let due: [TraceQueries.ScanTally: Int] = state.withLock { s in
            s.tallies[TraceQueries.ScanTally(batchID: batch, county: county, day: Day.today().iso), default: 0] += 1
            guard ContinuousClock.now - s.lastFlush >= flushInterval else { return [:] }
            s.lastFlush = .now
            defer { s.tallies = [:] }
            return s.tallies
        }
        try await TraceQueries.recordScans(due, on: db)
    }

    /// Writes whatever is tallied (on shutdown, and in tests before reading the counts).
    func flushScans(on db: any Database) async throws {
        let due = state.withLock { s in
            defer { s.tallies = [:]; s.lastFlush = .now }
            return s.tallies
        }
        try await TraceQueries.recordScans(due, on: db)
    }
}

struct PublicTraceCacheKey: StorageKey { typealias Value = PublicTraceCache }

extension Application {
    /// Set once in `configure`.
    var publicTraceCache: PublicTraceCache { storage[PublicTraceCacheKey.self] ?? PublicTraceCache() }
}

/// Writes the scans still tallied when the server stops.
struct PublicTraceScanFlush: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        // Looked up, not `application.db`: when the databases are already gone there is nothing to write to.
        guard let db = application.databases.database(logger: application.logger, on: application.eventLoopGroup.any()) else { return }
        do { try await application.publicTraceCache.flushScans(on: db) } catch {
            application.logger.warning("trace scans not written at shutdown: \(error)")
        }
    }
}
