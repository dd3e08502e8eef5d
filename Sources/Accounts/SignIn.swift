import Audit
import FluentKit
import Foundation

public enum SignInResult: Sendable {
    case success(User, sessionToken: String)
    case failed
    case throttled(minutes: Int)
    case disabled
}

public enum SignIn {
    public static let sessionLifetime: TimeInterval = 12 * 3600

    public static func attempt(username: String, password: String, address: String, hasher: any PasswordHashing,
                               throttle: LoginThrottle, on db: any Database) async throws -> SignInResult {
        let account = username.trimmingCharacters(in: .whitespaces).lowercased()
        if let minutes = try await throttle.blockedMinutes(account: account, address: address, on: db) { return .throttled(minutes: minutes) }
        let user = try await AccountService.findByUsername(account, on: db)
        // Verify against a dummy hash when the user is unknown so timing does not reveal accounts.
        let hash = user?.passwordHash ?? "$2b$12$C6UzMDM.H6dfI/f/IKxGhuOtFUu5Mrk2h/7GxJcSo5kGBNTdx2hIa"
        let ok = (try? hasher.verify(password, against: hash)) ?? false
        guard let user, ok else {
            try await throttle.recordFailure(account: account, address: address, on: db)
            try await AuditLog.record(on: db, actor: AuditActor(userID: user?.id, name: account, address: address),
                                      action: .loginFailed, entity: User.schema, entityID: user?.id?.uuidString ?? "", county: user?.countyCode)
            return .failed
        }
        if user.disabled { return .disabled }
        try await throttle.recordSuccess(account: account, address: address, on: db)
        let token = Secrets.token()
        let session = UserSession()
        session.id = Secrets.sha256Hex(token)
        session.userID = try user.requireID()
        session.csrfToken = Secrets.token()
        session.createdAt = Date()
        session.expiresAt = Date().addingTimeInterval(sessionLifetime)
        user.lastLoginAt = Date()
        try await db.writeTransaction { tx in
            try await session.create(on: tx)
            try await user.save(on: tx)
            try await AuditLog.record(on: tx, actor: AuditActor(userID: user.id, name: user.username, address: address),
                                      action: .login, entity: User.schema, entityID: user.id?.uuidString ?? "", county: user.countyCode)
        }
        return .success(user, sessionToken: token)
    }

    /// The live session and its user for a cookie token, or nil.
    public static func resolve(sessionToken: String, on db: any Database) async throws -> (UserSession, User)? {
        // The session and its user in one query: this runs for every signed-in request.
        guard let session = try await UserSession.query(on: db).filter(\.$id == Secrets.sha256Hex(sessionToken))
            .join(User.self, on: \UserSession.$userID == \User.$id).first() else { return nil }
        guard session.expiresAt > Date() else { try await session.delete(on: db); return nil }
        let user = try session.joined(User.self)
        guard !user.disabled else { return nil }
        return (session, user)
    }

    public static func signOut(sessionToken: String, actor: AuditActor, on db: any Database) async throws {
        guard let session = try await UserSession.find(Secrets.sha256Hex(sessionToken), on: db) else { return }
        let user = try await User.find(session.userID, on: db)
        try await db.writeTransaction { tx in
            try await session.delete(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .logout, entity: User.schema,
                                      entityID: session.userID.uuidString, county: user?.countyCode)
        }
    }
}
