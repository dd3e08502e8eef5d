import FluentKit
import Foundation

/// Filters for browsing and exporting the audit trail.
public struct AuditFilter: Sendable {
    /// County codes the viewer may see; nil means every county (system administrator).
    public var counties: [String]?
    public var actor: String?
    public var entity: String?
    public var action: AuditAction?
    public var from: Date?
    public var to: Date?

    public init(counties: [String]?, actor: String? = nil, entity: String? = nil,
                action: AuditAction? = nil, from: Date? = nil, to: Date? = nil) {
        self.counties = counties
        self.actor = actor
        self.entity = entity
        self.action = action
        self.from = from
        self.to = to
    }
}

public enum AuditQuery {
    public static func query(_ filter: AuditFilter, on db: any Database) -> QueryBuilder<AuditEntry> {
        let q = AuditEntry.query(on: db)
        if let counties = filter.counties { q.filter(\.$countyCode ~~ counties) }
        if let actor = filter.actor, !actor.isEmpty { q.filter(\.$actorName == actor) }
        if let entity = filter.entity, !entity.isEmpty { q.filter(\.$entity == entity) }
        if let action = filter.action { q.filter(\.$action == action.rawValue) }
        if let from = filter.from { q.filter(\.$at >= from) }
        if let to = filter.to { q.filter(\.$at < to) }
        return q.sort(\.$at, .descending).sort(\.$id)
    }

    public static func page(_ filter: AuditFilter, page: Int, per: Int, on db: any Database) async throws -> (entries: [AuditEntry], total: Int) {
        let total = try await query(filter, on: db).count()
        // A page far past the end is empty, without computing an offset that could overflow.
        let per = max(1, per), page = max(1, page)
        guard page - 1 <= total / per else { return ([], total) }
        let entries = try await query(filter, on: db).range((page - 1) * per ..< page * per).all()
        return (entries, total)
    }

    public static func all(_ filter: AuditFilter, limit: Int = 100_000, on db: any Database) async throws -> [AuditEntry] {
        try await query(filter, on: db).limit(limit).all()
    }
}
