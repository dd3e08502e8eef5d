import Audit
import FluentKit
import Foundation

/// A signed-in browser. The cookie holds the token; the table holds only its SHA-256.
public final class UserSession: Model, @unchecked Sendable {
    public static let schema = "sessions"

    @ID(custom: "token_hash", generatedBy: .user) public var id: String?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "csrf_token") public var csrfToken: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date

    public init() {}
}

/// A machine client's credential (API 令牌): stored hashed, scoped, revocable.
public final class APIToken: Model, @unchecked Sendable {
    public static let schema = "api_tokens"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "name") public var name: String
    @Field(key: "token_hash") public var tokenHash: String
    /// Space-separated scopes: "read", "write".
    @Field(key: "scopes") public var scopes: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?

    public init() {}

    public var scopeList: [TokenScope] { scopes.split(separator: " ").compactMap { TokenScope(rawValue: String($0)) } }
}

public enum TokenScope: String, Sendable, CaseIterable, Codable {
    case read, write
}

public struct CreateSessionsAndTokens: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(UserSession.schema)
            .field("token_hash", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .create()
        try await database.schema(APIToken.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("scopes", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(APIToken.schema).delete()
        try await database.schema(UserSession.schema).delete()
    }
}
