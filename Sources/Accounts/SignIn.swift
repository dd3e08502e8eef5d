import Audit
import FluentKit
import Foundation

public enum SignInResult: Sendable {
    case success(User, sessionToken: String)
    case failed
    case throttled(minutes: Int)
    case disabled
}

/// Counts failed sign-ins per account and per address in a sliding window and locks out
/// once a limit is hit. In memory: one county runs one process; a cluster would share this.
public actor LoginThrottle {
    public let perAccount: Int
    public let perAddress: Int
    public let window: TimeInterval
    var failures: [String: [Date]] = [:]

    public init(perAccount: Int = 5, perAddress: Int = 20, window: TimeInterval = 15 * 60) {
        self.perAccount = perAccount
        self.perAddress = perAddress
        self.window = window
    }

    /// Minutes until the account or address may try again; nil if allowed now.
    public func blockedMinutes(account: String, address: String, now: Date = Date()) -> Int? {
        let a = recent("u:" + account, now), b = recent("a:" + address, now)
        var until: Date? = nil
        if a.count >= perAccount, let first = a.first { until = first.addingTimeInterval(window) }
        if b.count >= perAddress, let first = b.first { until = max(until ?? first, first.addingTimeInterval(window)) }
        guard let until else { return nil }
        return max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
    }

    public func recordFailure(account: String, address: String, now: Date = Date()) {
        failures["u:" + account, default: []].append(now)
        failures["a:" + address, default: []].append(now)
    }

    public func recordSuccess(account: String) {
        failures["u:" + account] = nil
    }

    func recent(_ key: String, _ now: Date) -> [Date] {
        let kept = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[key] = kept.isEmpty ? nil : kept
        return kept
    }
}

public enum SignIn {
    public static let sessionLifetime: TimeInterval = 12 * 3600

    public static func attempt(username: String, password: String, address: String, hasher: any PasswordHashing,
                               throttle: LoginThrottle, on db: any Database) async throws -> SignInResult {
        let account = username.trimmingCharacters(in: .whitespaces).lowercased()
        if let minutes = await throttle.blockedMinutes(account: account, address: address) { return .throttled(minutes: minutes) }
        let user = try await AccountService.findByUsername(account, on: db)
        // Verify against a dummy hash when the user is unknown so timing does not reveal accounts.
        let hash = user?.passwordHash ?? "$2b$12$C6UzMDM.H6dfI/f/IKxGhuOtFUu5Mrk2h/7GxJcSo5kGBNTdx2hIa"
        let ok = (try? hasher.verify(password, against: hash)) ?? false
        guard let user, ok else {
            await throttle.recordFailure(account: account, address: address)
            try await AuditLog.record(on: db, actor: AuditActor(userID: user?.id, name: account, address: address),
                                      action: .loginFailed, entity: User.schema, entityID: user?.id?.uuidString ?? "", county: user?.countyCode)
            return .failed
        }
        if user.disabled { return .disabled }
        await throttle.recordSuccess(account: account)
        let token = Secrets.token()
        let session = UserSession()
        session.id = Secrets.sha256Hex(token)
        session.userID = try user.requireID()
        session.csrfToken = Secrets.token()
        session.createdAt = Date()
        session.expiresAt = Date().addingTimeInterval(sessionLifetime)
        user.lastLoginAt = Date()
        try await db.transaction { tx in
            try await session.create(on: tx)
            try await user.save(on: tx)
            try await AuditLog.record(on: tx, actor: AuditActor(userID: user.id, name: user.username, address: address),
                                      action: .login, entity: User.schema, entityID: user.id?.uuidString ?? "", county: user.countyCode)
        }
        return .success(user, sessionToken: token)
    }

    /// The live session and its user for a cookie token, or nil.
    public static func resolve(sessionToken: String, on db: any Database) async throws -> (UserSession, User)? {
        guard let session = try await UserSession.find(Secrets.sha256Hex(sessionToken), on: db) else { return nil }
        guard session.expiresAt > Date() else { try await session.delete(on: db); return nil }
        guard let user = try await User.find(session.userID, on: db), !user.disabled else { return nil }
        return (session, user)
    }

    public static func signOut(sessionToken: String, actor: AuditActor, on db: any Database) async throws {
        guard let session = try await UserSession.find(Secrets.sha256Hex(sessionToken), on: db) else { return }
        let user = try await User.find(session.userID, on: db)
        try await db.transaction { tx in
            try await session.delete(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .logout, entity: User.schema,
                                      entityID: session.userID.uuidString, county: user?.countyCode)
        }
    }
}
