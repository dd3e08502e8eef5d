import Foundation
import Testing
@testable import Documents

/// Inputs the fuzzers (`scripts/fuzz`) found to crash a reader, kept so they never crash again:
/// each must be refused with a `DocumentsError`.
@Suite("Fuzzer findings")
struct CrasherTests {
    static func crashers(prefix: String) throws -> [URL] {
        guard let folder = Bundle.module.url(forResource: "Crashers", withExtension: nil) else { throw CocoaError(.fileNoSuchFile) }
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix(prefix) }
    }

    @Test func xlsxReaderRefusesTheFuzzersFindings() throws {
        let files = try Self.crashers(prefix: "xlsx-")
        #expect(!files.isEmpty)
        for file in files {
            #expect(throws: DocumentsError.self, "\(file.lastPathComponent)") { _ = try XLSX.read(try Data(contentsOf: file)) }
        }
    }

    @Test func zipDirectoryMustStayInsideTheFile() throws {
        // A valid workbook passes; cutting its tail or pointing an entry past the end does not.
        let workbook = try XLSX.write(XLSX.Workbook(sheets: [XLSX.Sheet(name: "表", header: ["名称"], rows: [[.text("遂昌长粽")]])]))
        try ZipStructure.check(workbook)
        #expect(throws: DocumentsError.self) { try ZipStructure.check(workbook.prefix(workbook.count - 30)) }
        var bytes = [UInt8](workbook)
        guard let end = ZipStructure.endRecord(bytes) else { Issue.record("no end record"); return }
        let directory = ZipStructure.u32(bytes, end + 16)
        bytes[directory + 42] = 0xFF; bytes[directory + 43] = 0xFF; bytes[directory + 44] = 0xFF; bytes[directory + 45] = 0x7F
        #expect(throws: DocumentsError.self) { try ZipStructure.check(Data(bytes)) }
        #expect(throws: DocumentsError.self) { _ = try XLSX.read(Data(bytes)) }
    }
}
