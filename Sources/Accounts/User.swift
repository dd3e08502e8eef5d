import Audit
import FluentKit
import Foundation
import XiangcunKit

/// A person who signs in. Usernames are unique in the installation.
public final class User: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    @Field(key: "username") public var username: String
    @Field(key: "display_name") public var displayName: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "role") public var role: String
    /// County code (12 digits) for county roles, province code for province viewers, nil for system administrators.
    @OptionalField(key: "county_code") public var countyCode: String?
    /// Personal data: masked for roles that do not need it, never logged.
    @OptionalField(key: "phone") public var phone: String?
    @Field(key: "disabled") public var disabled: Bool
    @OptionalField(key: "last_login_at") public var lastLoginAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public var userRole: Role { Role(rawValue: role) ?? .stationOperator }

    public var scope: AccessScope {
        switch userRole.scopeLevel {
        case nil: return .everything
        case .province?: return (try? DivisionCode(countyCode ?? "")).map { .province($0) } ?? .county(Self.nowhere)
        default: return (try? DivisionCode(countyCode ?? "")).map { .county($0) } ?? .county(Self.nowhere)
        }
    }

    /// A scope that matches no real county, for a user whose stored code is broken.
    static let nowhere: DivisionCode = {
        do { return try DivisionCode("110000000000") } catch { preconditionFailure("constant code") }
    }()

    /// Values recorded in the audit trail (no password hash; phone masked).
    public var auditValues: AuditValues {
        ["username": username, "displayName": displayName, "role": role, "county": countyCode ?? "",
         "phone": phone.map(Identifiers.maskPhone) ?? "", "disabled": "\(disabled)"]
    }
}

public struct CreateUsers: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("county_code", .string)
            .field("phone", .string)
            .field("disabled", .bool, .required)
            .field("last_login_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "username")
            .create()
        try await database.createIndex("users_county", on: User.schema, columns: ["county_code"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(User.schema).delete()
    }
}
