import FluentKit
import Foundation

/// One line of the append-only audit trail (审计日志): who changed what, when, from where,
/// with the old and new values. Nothing in the app updates or deletes these rows; the
/// migration installs triggers so the database refuses it too.
public final class AuditEntry: Model, @unchecked Sendable {
    public static let schema = "audit_entries"

    @ID(key: .id) public var id: UUID?
    /// Stored UTC.
    @Field(key: "at") public var at: Date
    /// The county the changed record belongs to (nil for system-wide records).
    @OptionalField(key: "county_code") public var countyCode: String?
    @OptionalField(key: "actor_id") public var actorID: UUID?
    @Field(key: "actor_name") public var actorName: String
    @Field(key: "address") public var address: String
    @Field(key: "action") public var action: String
    @Field(key: "entity") public var entity: String
    @Field(key: "entity_id") public var entityID: String
    @OptionalField(key: "old_values") public var oldValues: String?
    @OptionalField(key: "new_values") public var newValues: String?

    public init() {}
}

public enum AuditAction: String, Sendable, CaseIterable, Codable {
    case create, update, delete, login, loginFailed, logout, `import`
    /// Someone was shown personal data unmasked (an ID number, a phone).
    case view
}

/// Who makes a change and from where.
public struct AuditActor: Sendable {
    public var userID: UUID?
    public var name: String
    public var address: String

    public init(userID: UUID?, name: String, address: String) {
        self.userID = userID
        self.name = name
        self.address = address
    }

    /// Changes made from the command line (imports, demo loading).
    public static func cli(_ what: String = "cli") -> AuditActor {
        AuditActor(userID: nil, name: what, address: "local")
    }
}

/// A record's auditable values: field name → text. Personal data is masked by the caller.
public typealias AuditValues = [String: String]

public enum AuditLog {
    /// Appends one entry. Call it inside the same transaction as the change it describes.
    public static func record(
        on db: any Database, actor: AuditActor, action: AuditAction, entity: String,
        entityID: String, county: String?, old: AuditValues? = nil, new: AuditValues? = nil,
        at: Date = Date()
    ) async throws {
        let entry = AuditEntry()
        entry.at = at
        entry.countyCode = county
        entry.actorID = actor.userID
        entry.actorName = actor.name
        entry.address = actor.address
        entry.action = action.rawValue
        entry.entity = entity
        entry.entityID = entityID
        entry.oldValues = old.map(encode)
        entry.newValues = new.map(encode)
        try await entry.create(on: db)
    }

    /// Records an update with only the fields that changed; nothing when nothing changed.
    public static func recordChanges(
        on db: any Database, actor: AuditActor, entity: String, entityID: String,
        county: String?, old: AuditValues, new: AuditValues
    ) async throws {
        let changed = Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }
        guard !changed.isEmpty else { return }
        try await record(
            on: db, actor: actor, action: .update, entity: entity, entityID: entityID, county: county,
            old: old.filter { changed.contains($0.key) }, new: new.filter { changed.contains($0.key) })
    }

    static func encode(_ values: AuditValues) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(values)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    public static func decode(_ text: String?) -> AuditValues {
        guard let text, let values = try? JSONDecoder().decode(AuditValues.self, from: Data(text.utf8)) else { return [:] }
        return values
    }
}
