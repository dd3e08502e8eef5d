import Foundation
import Vapor
import Web

/// The suite's server log. With `XIANGCUN_TEST_LOG_DIR` set (scripts/test sets it), every log line
/// of the apps under test is written as the server writes it in production (structured JSON,
/// level info) to `suite.log` in that folder, and servers the tests start as processes write
/// theirs beside it; after the suite, `scripts/privacy-crawl --logs DIR` checks every line for
/// personal data. Without it, tests log errors only, to standard error.
enum SuiteLog {
    static let folder: String? = ProcessInfo.processInfo.environment["XIANGCUN_TEST_LOG_DIR"].flatMap { $0.isEmpty ? nil : $0 }

    /// True when the logging system writes to the suite log (bootstrapped once per process).
    static let active: Bool = {
        guard let folder else { return false }
        let path = folder + "/suite.log"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else { return false }
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, output: handle) }
        return true
    }()

    /// Where a server process started by a test writes its log (nil: nowhere).
    static func processLog(_ name: String) -> FileHandle? {
        guard let folder else { return nil }
        let path = folder + "/\(name)-\(UUID().uuidString).log"
        guard FileManager.default.createFile(atPath: path, contents: nil) else { return nil }
        return FileHandle(forWritingAtPath: path)
    }
}
