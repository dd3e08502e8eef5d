import Foundation
import ZIPFoundation

/// Builds and opens OOXML packages (ZIP files) in memory.
struct ZipPackage {
    /// Fixed timestamp for entries so that equal input gives byte-equal output.
    static let fixedDate = Date(timeIntervalSince1970: 1_577_836_800) // 2020-01-01T00:00:00Z

    static func build(_ parts: [(path: String, content: String)]) throws(DocumentsError) -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for part in parts {
                let bytes = Data(part.content.utf8)
                try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(bytes.count),
                                     modificationDate: fixedDate, compressionMethod: .deflate) { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw DocumentsError.packageWriteFailed(reason: "no data") }
            return data
        } catch let error as DocumentsError {
            throw error
        } catch {
            throw .packageWriteFailed(reason: "\(error)")
        }
    }

    /// Upper bound for one uncompressed part; guards against ZIP bombs.
    static let maximumPartSize: UInt64 = 512 * 1024 * 1024

    let archive: Archive

    init(_ data: Data) throws(DocumentsError) {
        try ZipStructure.check(data)
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .notAPackage(reason: "\(error)")
        }
    }

    /// The bytes of the part at `path` (no leading slash), or nil if absent.
    func part(_ path: String) throws(DocumentsError) -> Data? {
        let normalized = path.hasPrefix("/") ? String(path.dropFirst()) : path
        guard let entry = archive[normalized] ?? archive.first(where: {
            $0.path.lowercased() == normalized.lowercased()
        }) else { return nil }
        if entry.uncompressedSize > Self.maximumPartSize {
            throw .tooLarge(part: normalized, bytes: entry.uncompressedSize)
        }
        var out = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                out.append(chunk)
                if UInt64(out.count) > Self.maximumPartSize {
                    throw DocumentsError.tooLarge(part: normalized, bytes: UInt64(out.count))
                }
            }
        } catch let error as DocumentsError {
            throw error
        } catch {
            throw .notAPackage(reason: "\(normalized): \(error)")
        }
        return out
    }

    func requiredPart(_ path: String) throws(DocumentsError) -> Data {
        guard let data = try part(path) else { throw .missingPart(path) }
        return data
    }
}
