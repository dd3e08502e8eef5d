import Foundation
import TestDatabases
import Testing

/// Runs scripts/check_office.py (openpyxl / python-docx) on bytes we produced and returns its JSON.
/// Missing python or packages fail the test with the fix, never skip.
func officeDump(_ command: String, _ data: Data, ext: String) throws -> [String: Any] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("xc-office-\(UUID().uuidString).\(ext)")
    try data.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", root.appendingPathComponent("scripts/check_office.py").path, command, file.path]
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw TestEnvironmentError(description: "check_office.py \(command) failed (\(process.terminationStatus)): \(errors) — run: pip install openpyxl python-docx")
    }
    guard let json = try JSONSerialization.jsonObject(with: output) as? [String: Any] else {
        throw TestEnvironmentError(description: "check_office.py printed no JSON object")
    }
    return json
}
