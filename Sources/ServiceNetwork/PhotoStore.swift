import Audit
import Crypto
import FluentKit
import Foundation
import XiangcunKit

/// Evidence photos: stored once under `<data dir>/photos/` named by their SHA-256, with the
/// type checked from the bytes (JPEG, PNG, WebP) and a size limit.
public enum PhotoStore {
    public static let maximumBytes = 8 * 1024 * 1024

    /// The content type from the file's first bytes, or nil when it is not an accepted image.
    public static func sniff(_ data: Data) -> String? {
        let b = [UInt8](data.prefix(12))
        if b.count >= 3, b[0] == 0xFF, b[1] == 0xD8, b[2] == 0xFF { return "image/jpeg" }
        if b.count >= 8, b[0...7] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { return "image/png" }
        if b.count >= 12, b[0...3] == [0x52, 0x49, 0x46, 0x46], b[8...11] == [0x57, 0x45, 0x42, 0x50] { return "image/webp" }
        return nil
    }

    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    public static func path(dataDir: String, sha256: String) -> String {
        URL(fileURLWithPath: dataDir).appendingPathComponent("photos").appendingPathComponent(sha256).path
    }

    /// Checks, stores and records a photo of a facility.
    public static func add(_ data: Data, caption: String, to f: Facility, dataDir: String, actor: AuditActor, on db: any Database) async throws -> FacilityPhoto {
        guard !data.isEmpty else { throw ValidationFailureBox.required }
        guard data.count <= maximumBytes else { throw ValidationFailureBox.tooLarge }
        guard let type = sniff(data) else { throw ValidationFailureBox.type }
        let hash = sha256(data)
        let target = path(dataDir: dataDir, sha256: hash)
        if !FileManager.default.fileExists(atPath: target) {
            try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: target).deletingLastPathComponent().path, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: target), options: .atomic)
        }
        let photo = FacilityPhoto()
        photo.facilityID = try f.requireID()
        photo.countyCode = f.countyCode
        photo.sha256 = hash
        photo.contentType = type
        photo.size = data.count
        photo.caption = String(caption.trimmingCharacters(in: .whitespacesAndNewlines).prefix(100))
        photo.uploadedBy = actor.name
        try await db.writeTransaction { tx in
            try await photo.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: FacilityPhoto.schema, entityID: try photo.requireID().uuidString,
                                      county: f.countyCode, new: ["facility": f.name, "sha256": hash, "size": "\(data.count)", "type": type, "caption": photo.caption])
        }
        return photo
    }
}

/// Photo upload failures as field errors.
enum ValidationFailureBox {
    static var required: ValidationFailure { ValidationFailure(["photo": "error.required"]) }
    static var tooLarge: ValidationFailure { ValidationFailure(["photo": "network.error.photoSize"]) }
    static var type: ValidationFailure { ValidationFailure(["photo": "network.error.photoType"]) }
}
