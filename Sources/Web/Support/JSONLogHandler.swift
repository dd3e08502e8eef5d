import Foundation
import Logging
import XiangcunKit

/// One JSON object per line on standard error: time (UTC), level, label, message, metadata.
/// Callers never put personal data (ID numbers, phones, passwords) in messages or metadata.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String
    let output: FileHandle

    /// `output`: standard error for the server; the test suite gives a file it checks afterwards.
    public init(label: String, output: FileHandle = .standardError) {
        self.label = label
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: String] = [
            "time": Self.timestamp(Date()), "level": "\(event.level)", "label": label, "message": "\(event.message)",
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { object[key] = "\(value)" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(object) else { return }
        output.write(data + Data("\n".utf8))
    }

    /// "2026-12-01T16:12:44Z". Formatted by hand: a new `ISO8601DateFormatter` per line was a
    /// tenth of the server's time on a light request (it builds an ICU formatter each time).
    static func timestamp(_ date: Date) -> String {
        let (day, second) = Day.split(date, offsetSeconds: 0)
        return day.iso + "T" + Day.clock(second) + "Z"
    }
}
