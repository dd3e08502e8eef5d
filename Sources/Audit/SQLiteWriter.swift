import FluentKit
import Foundation
import Logging
import NIOCore

/// An SQLite file's configuration with a connection kept for writing beside the readers'.
///
/// Why: Fluent opens one SQLite connection per event loop, and a transaction holds its loop's
/// connection until it commits. With write transactions on those connections, every request of
/// the writing loop waited for the commit before its first read (its login, the county's
/// carriers, the parcels a scan batch names), so while one batch was written, half the others
/// could not be prepared. `writeTransaction` takes the writing connection instead (one for the
/// process: the writers queue for SQLite's one lock anyway), and reads never wait for writes.
public struct SQLiteWithWriter: DatabaseConfiguration {
    /// The writing connection's registration (not the default database).
    public static let writerID = DatabaseID(string: "sqlite-writer")

    var readers: any DatabaseConfiguration
    let place = WriterPlace()

    /// `readers`: Fluent's SQLite configuration of the file, registered as the default.
    public init(readers: any DatabaseConfiguration) { self.readers = readers }

    public var middleware: [any AnyModelMiddleware] {
        get { readers.middleware }
        set { readers.middleware = newValue }
    }

    public func makeDriver(for databases: Databases) -> any DatabaseDriver {
        place.remember(databases)
        return readers.makeDriver(for: databases)
    }

    /// The writing connection (always on the same event loop, so one connection and its page cache).
    public func writer(logger: Logger) -> (any Database)? {
        guard let (databases, loop) = place.current else { return nil }
        return databases.database(Self.writerID, logger: logger, on: loop)
    }

    /// Where the writing connection is: the databases it is registered in, and its event loop.
    final class WriterPlace: @unchecked Sendable {
        private let lock = NSLock()
        private weak var databases: Databases?
        private var loop: (any EventLoop)?

        func remember(_ databases: Databases) {
            lock.withLock {
                self.databases = databases
                if loop == nil { loop = databases.eventLoopGroup.next() }
            }
        }

        var current: (Databases, any EventLoop)? {
            lock.withLock { databases.flatMap { d in loop.map { (d, $0) } } }
        }
    }
}
