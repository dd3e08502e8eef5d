import Audit
import FluentKit
import Foundation
import XiangcunKit

public enum Tokens {
    public static let prefix = "xc_"

    /// Creates a token for `user`; returns the model and the plain token, shown once.
    public static func create(for user: User, name: String, scopes: [TokenScope], actor: AuditActor, on db: any Database) async throws -> (APIToken, String) {
        var failure = ValidationFailure()
        _ = FieldRules.name(name, field: "name", limit: 60, into: &failure)
        if scopes.isEmpty { failure.add("scopes", "error.required") }
        try failure.throwIfAny()
        let plain = Secrets.token(prefix: prefix)
        let token = APIToken()
        token.userID = try user.requireID()
        token.name = name.trimmingCharacters(in: .whitespaces)
        token.tokenHash = Secrets.sha256Hex(plain)
        token.scopes = scopes.map(\.rawValue).joined(separator: " ")
        token.createdAt = Date()
        try await db.writeTransaction { tx in
            try await token.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: APIToken.schema, entityID: token.id?.uuidString ?? "",
                                      county: user.countyCode, new: ["name": token.name, "scopes": token.scopes, "user": user.username])
        }
        return (token, plain)
    }

    public static func revoke(_ token: APIToken, owner: User, actor: AuditActor, on db: any Database) async throws {
        guard token.revokedAt == nil else { return }
        token.revokedAt = Date()
        try await db.writeTransaction { tx in
            try await token.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .update, entity: APIToken.schema, entityID: token.id?.uuidString ?? "",
                                      county: owner.countyCode, old: ["revoked": "false"], new: ["revoked": "true"])
        }
    }

    /// How stale a token's `lastUsedAt` may get before a call updates it, in seconds.
    public static let lastUsedResolution: TimeInterval = 60

    /// The token's user if the bearer token is valid, unrevoked and the user enabled.
    public static func resolve(bearer: String, on db: any Database) async throws -> (APIToken, User)? {
        guard bearer.hasPrefix(prefix),
              let token = try await APIToken.query(on: db).filter(\.$tokenHash == Secrets.sha256Hex(bearer)).first(),
              token.revokedAt == nil,
              let user = try await User.find(token.userID, on: db), !user.disabled else { return nil }
        // "Last used" to the minute is enough; writing on every call would make each read a write.
        let now = Date()
        if token.lastUsedAt.map({ now.timeIntervalSince($0) >= lastUsedResolution }) ?? true {
            token.lastUsedAt = now
            try await token.save(on: db)
        }
        return (token, user)
    }

    public static func list(for user: User, on db: any Database) async throws -> [APIToken] {
        try await APIToken.query(on: db).filter(\.$userID == (user.id ?? UUID())).sort(\.$createdAt, .descending).all()
    }
}
