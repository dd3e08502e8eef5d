import Audit
import Divisions
import FluentKit
import Foundation
import XiangcunKit

/// What is needed to add a user.
public struct NewUser: Sendable {
    public var username: String
    public var displayName: String
    public var password: String
    public var role: Role
    /// County code for county roles, province code for province viewers, nil for system administrators.
    public var scopeCode: String?
    public var phone: String?

    public init(username: String, displayName: String, password: String, role: Role, scopeCode: String?, phone: String? = nil) {
        self.username = username
        self.displayName = displayName
        self.password = password
        self.role = role
        self.scopeCode = scopeCode
        self.phone = phone
    }
}

public enum AccountError: Error, Sendable, Equatable {
    case forbidden
}

public enum AccountService {
    public static let minimumPasswordLength = 10

    public static func validate(_ new: NewUser, on db: any Database) async throws -> (ValidationFailure, DivisionCode?) {
        var failure = ValidationFailure()
        let username = new.username.trimmingCharacters(in: .whitespaces)
        if username.isEmpty { failure.add("username", "error.required") }
        else if username.count < 3 || username.count > 32 || !username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) {
            failure.add("username", "error.username")
        } else if try await User.query(on: db).filter(\.$username == username.lowercased()).first() != nil {
            failure.add("username", "error.taken")
        }
        _ = FieldRules.name(new.displayName, field: "displayName", limit: 50, into: &failure)
        if new.password.count < minimumPasswordLength { failure.add("password", "error.password.short") }
        if let phone = new.phone, !phone.isEmpty, !(phone.count == 11 && phone.allSatisfy(\.isNumber) && phone.hasPrefix("1")) {
            failure.add("phone", "error.phone")
        }
        let code = try await validateScope(new.role, new.scopeCode, failure: &failure, on: db)
        return (failure, code)
    }

    static func validateScope(_ role: Role, _ text: String?, failure: inout ValidationFailure, on db: any Database) async throws -> DivisionCode? {
        guard let level = role.scopeLevel else { return nil }
        guard let text, !text.isEmpty else { failure.add("scopeCode", "error.required"); return nil }
        guard let code = try? DivisionCode(text), code.level == level else { failure.add("scopeCode", "error.invalid"); return nil }
        guard try await Division.find(code.value, on: db) != nil else { failure.add("scopeCode", "error.division.unknown"); return nil }
        return code
    }

    /// Adds a user; the creator must be allowed to manage users within the new user's scope.
    public static func create(_ new: NewUser, hasher: any PasswordHashing, actor: AuditActor, creatorScope: AccessScope, on db: any Database) async throws -> User {
        let (failure, code) = try await validate(new, on: db)
        try failure.throwIfAny()
        if let code { guard creatorScope.contains(code) else { throw AccountError.forbidden } }
        else if creatorScope != .everything { throw AccountError.forbidden }
        if new.role == .systemAdmin && creatorScope != .everything { throw AccountError.forbidden }
        let user = User()
        user.username = new.username.trimmingCharacters(in: .whitespaces).lowercased()
        user.displayName = new.displayName.trimmingCharacters(in: .whitespaces)
        user.passwordHash = try hasher.hash(new.password)
        user.role = new.role.rawValue
        user.countyCode = code?.value
        user.phone = (new.phone?.isEmpty ?? true) ? nil : new.phone
        user.disabled = false
        try await db.writeTransaction { tx in
            try await user.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: User.schema, entityID: user.id?.uuidString ?? "",
                                      county: user.countyCode, new: user.auditValues)
        }
        return user
    }

    public static func setPassword(_ user: User, to password: String, hasher: any PasswordHashing, actor: AuditActor, on db: any Database) async throws {
        guard password.count >= minimumPasswordLength else { throw ValidationFailure(["password": "error.password.short"]) }
        user.passwordHash = try hasher.hash(password)
        try await db.writeTransaction { tx in
            try await user.save(on: tx)
            // Record that the password changed, never the hash.
            try await AuditLog.record(on: tx, actor: actor, action: .update, entity: User.schema, entityID: user.id?.uuidString ?? "",
                                      county: user.countyCode, old: ["password": "***"], new: ["password": "*** (changed)"])
            try await UserSession.query(on: tx).filter(\.$userID == (user.id ?? UUID())).delete()
        }
    }

    public static func setDisabled(_ user: User, _ disabled: Bool, actor: AuditActor, on db: any Database) async throws {
        let old = user.auditValues
        user.disabled = disabled
        try await db.writeTransaction { tx in
            try await user.save(on: tx)
            try await AuditLog.recordChanges(on: tx, actor: actor, entity: User.schema, entityID: user.id?.uuidString ?? "",
                                             county: user.countyCode, old: old, new: user.auditValues)
            if disabled {
                try await UserSession.query(on: tx).filter(\.$userID == (user.id ?? UUID())).delete()
                try await APIToken.query(on: tx).filter(\.$userID == (user.id ?? UUID())).filter(\.$revokedAt == nil).set(\.$revokedAt, to: Date()).update()
            }
        }
    }

    /// Users visible within a scope (province viewers see the province's counties).
    public static func list(in scope: AccessScope, on db: any Database) async throws -> [User] {
        let q = User.query(on: db)
        switch scope {
        case .everything: break
        case .county(let c): q.filter(\.$countyCode == c.value)
        case .province(let p): q.filter(\.$countyCode >= p.short).filter(\.$countyCode < p.short + "z")
        }
        return try await q.sort(\.$countyCode).sort(\.$username).all()
    }

    /// A user found by id only if inside the scope; otherwise nil (so the caller answers 404).
    public static func find(_ id: UUID, in scope: AccessScope, on db: any Database) async throws -> User? {
        guard let user = try await User.find(id, on: db) else { return nil }
        if user.countyCode == nil { return scope == .everything ? user : nil }
        return scope.contains(county: user.countyCode) || provinceCovers(scope, user) ? user : nil
    }

    static func provinceCovers(_ scope: AccessScope, _ user: User) -> Bool {
        if case .province(let p) = scope, let code = user.countyCode { return code.hasPrefix(p.short) }
        return false
    }

    public static func findByUsername(_ username: String, on db: any Database) async throws -> User? {
        try await User.query(on: db).filter(\.$username == username.lowercased()).first()
    }
}
