import Foundation
import Testing

/// Runs `scripts/check_office.py <command> <file>` with python3 and returns its JSON output.
/// Python with openpyxl and python-docx is required: a missing interpreter or package is a
/// test failure with instructions, never a skip.
enum Python {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/check_office.py")

    static func run(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Any? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            Issue.record("python3 is required for this test (install Python 3, then `pip install openpyxl python-docx`): \(error)",
                         sourceLocation: sourceLocation)
            return nil
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errData, as: UTF8.self)
            if process.terminationStatus == 3 {
                Issue.record("Python packages missing — run `pip install openpyxl python-docx`: \(message)", sourceLocation: sourceLocation)
            } else if process.terminationStatus == 127 {
                Issue.record("python3 not found on PATH — install Python 3 and `pip install openpyxl python-docx`", sourceLocation: sourceLocation)
            } else {
                Issue.record("check_office.py \(arguments.first ?? "") failed (\(process.terminationStatus)): \(message)", sourceLocation: sourceLocation)
            }
            return nil
        }
        if outData.isEmpty { return [String: Any]() }
        return try JSONSerialization.jsonObject(with: outData)
    }
}

/// A temporary file deleted when the value goes away.
final class TemporaryFile {
    let url: URL

    init(extension ext: String, data: Data) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("docs-test-\(UUID().uuidString).\(ext)")
        try data.write(to: url)
    }

    init(extension ext: String) {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("docs-test-\(UUID().uuidString).\(ext)")
    }

    var path: String { url.path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
