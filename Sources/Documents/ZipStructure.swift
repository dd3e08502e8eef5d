import Foundation

/// Checks that a ZIP file's directory points only inside the file, before the ZIP library reads
/// it. The library trusts the offsets it finds: an uploaded file whose central directory names a
/// position past its end made it trap (found by fuzzing, `Fuzz/FuzzXLSX`). Office packages are
/// small, so ZIP64 archives are refused rather than followed.
enum ZipStructure {
    static let endRecordSize = 22
    static let centralRecordSize = 46
    static let localHeaderSize = 30
    /// More parts than any workbook or document we read has.
    static let maximumEntries = 10_000

    static func check(_ data: Data) throws(DocumentsError) {
        let bytes = [UInt8](data)
        guard let end = endRecord(bytes) else { throw .notAPackage(reason: "no end of central directory") }
        let entries = u16(bytes, end + 10), size = u32(bytes, end + 12), offset = u32(bytes, end + 16)
        guard entries != 0xFFFF, size != 0xFFFF_FFFF, offset != 0xFFFF_FFFF else { throw .notAPackage(reason: "ZIP64 archives are not read") }
        guard entries <= maximumEntries, offset + size <= end else { throw .notAPackage(reason: "central directory outside the file") }
        var position = offset
        for _ in 0..<entries {
            guard position + centralRecordSize <= offset + size, u32(bytes, position) == 0x0201_4B50 else {
                throw .notAPackage(reason: "damaged central directory")
            }
            let compressed = u32(bytes, position + 20)
            let record = centralRecordSize + u16(bytes, position + 28) + u16(bytes, position + 30) + u16(bytes, position + 32)
            try checkLocalEntry(bytes, at: u32(bytes, position + 42), compressed: compressed, before: offset)
            position += record
        }
        guard position <= offset + size else { throw .notAPackage(reason: "damaged central directory") }
    }

    /// A local header and its data must lie before the central directory.
    static func checkLocalEntry(_ bytes: [UInt8], at local: Int, compressed: Int, before limit: Int) throws(DocumentsError) {
        guard compressed != 0xFFFF_FFFF, local + localHeaderSize <= limit, u32(bytes, local) == 0x0403_4B50 else {
            throw .notAPackage(reason: "entry outside the file")
        }
        let header = localHeaderSize + u16(bytes, local + 26) + u16(bytes, local + 28)
        guard local + header + compressed <= limit else { throw .notAPackage(reason: "entry outside the file") }
    }

    /// The position of the end-of-central-directory record: the last signature whose comment
    /// length reaches exactly the end of the file.
    static func endRecord(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= endRecordSize else { return nil }
        let lowest = max(0, bytes.count - endRecordSize - 0xFFFF)
        var position = bytes.count - endRecordSize
        while position >= lowest {
            if u32(bytes, position) == 0x0605_4B50, position + endRecordSize + u16(bytes, position + 20) == bytes.count { return position }
            position -= 1
        }
        return nil
    }

    static func u16(_ b: [UInt8], _ i: Int) -> Int {
        guard i >= 0, i + 2 <= b.count else { return 0 }
        return Int(b[i]) | Int(b[i + 1]) << 8
    }

    static func u32(_ b: [UInt8], _ i: Int) -> Int {
        guard i >= 0, i + 4 <= b.count else { return 0 }
        return Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 | Int(b[i + 3]) << 24
    }
}
