import Audit
import FluentKit
import Foundation

public enum SignInResult: Sendable {
    case success(User, sessionToken: String)
    case failed
    case throttled(minutes: Int)
    case disabled
}

/// Counts failed sign-ins in a sliding window and refuses further tries once a limit is hit.
///
/// The limits apply per address first: one address may fail `perPair` times on one account and
/// `perAddress` times in all before it is refused, so a single client cannot lock someone out.
/// The account itself locks only after `perAccount` failures from several addresses; a signed-in
/// administrator may lift that lock. In memory: one county runs one process.
public actor LoginThrottle {
    public let perPair: Int
    public let perAccount: Int
    public let perAddress: Int
    public let window: TimeInterval
    var failures: [String: [Date]] = [:]

    public init(perPair: Int = 5, perAccount: Int = 10, perAddress: Int = 20, window: TimeInterval = 15 * 60) {
        self.perPair = perPair
        self.perAccount = perAccount
        self.perAddress = perAddress
        self.window = window
    }

    /// Minutes until this address may try this account again; nil if allowed now.
    public func blockedMinutes(account: String, address: String, now: Date = Date()) -> Int? {
        let limits = [(Self.pairKey(account, address), perPair), ("a:" + address, perAddress), ("u:" + account, perAccount)]
        var until: Date? = nil
        for (key, limit) in limits {
            let times = recent(key, now)
            if times.count >= limit, let first = times.first { until = max(until ?? .distantPast, first.addingTimeInterval(window)) }
        }
        guard let until else { return nil }
        return max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
    }

    /// Whether the account is locked for every address (not just one client's tries).
    public func isLocked(account: String, now: Date = Date()) -> Bool {
        recent("u:" + account, now).count >= perAccount
    }

    public func recordFailure(account: String, address: String, now: Date = Date()) {
        for key in [Self.pairKey(account, address), "a:" + address, "u:" + account] { failures[key, default: []].append(now) }
    }

    public func recordSuccess(account: String, address: String) {
        failures["u:" + account] = nil
        failures[Self.pairKey(account, address)] = nil
    }

    /// An administrator lifts the lock: the account's failures from every address are forgotten.
    public func unlock(account: String) {
        failures["u:" + account] = nil
        let prefix = "p:" + account + "|"
        for key in failures.keys where key.hasPrefix(prefix) { failures[key] = nil }
    }

    static func pairKey(_ account: String, _ address: String) -> String { "p:" + account + "|" + address }

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
        await throttle.recordSuccess(account: account, address: address)
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
