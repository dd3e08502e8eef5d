import Audit
import FluentKit
import Foundation

/// One failed attempt counted by a `LoginThrottle` (table `login_failures`). Kept in the database,
/// not in a process, so every app server behind one database counts the same failures.
final class LoginFailure: Model, @unchecked Sendable {
    static let schema = "login_failures"

    @ID(key: .id) var id: UUID?
    /// Which throttle counted it ("login", "nameProbe").
    @Field(key: "scope") var scope: String
    /// "p:account|address", "a:address" or "u:account".
    @Field(key: "key") var key: String
    /// The account of a per-account or per-pair key (nil for per-address keys), so an unlock
    /// finds them without matching key prefixes.
    @OptionalField(key: "account") var account: String?
    @Field(key: "at") var at: Date

    init() {}

    init(scope: String, key: String, account: String?, at: Date) {
        self.scope = scope
        self.key = key
        self.account = account
        self.at = at
    }
}

public struct CreateLoginFailures: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(LoginFailure.schema)
            .id()
            .field("scope", .string, .required)
            .field("key", .string, .required)
            .field("account", .string)
            .field("at", .datetime, .required)
            .create()
        try await database.createIndex("login_failures_key", on: LoginFailure.schema, columns: ["scope", "key", "at"])
        try await database.createIndex("login_failures_at", on: LoginFailure.schema, columns: ["at"])
        try await database.createIndex("login_failures_account", on: LoginFailure.schema, columns: ["scope", "account"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(LoginFailure.schema).delete()
    }
}

/// Counts failed sign-ins in a sliding window and refuses further tries once a limit is hit.
///
/// The limits apply per address first: one address may fail `perPair` times on one account and
/// `perAddress` times in all before it is refused, so a single client cannot lock someone out.
/// The account itself locks only after `perAccount` failures from several addresses; a signed-in
/// administrator may lift that lock. The failures live in the database (`LoginFailure`), so two
/// app servers behind one database refuse the same client.
public struct LoginThrottle: Sendable {
    public let scope: String
    public let perPair: Int
    public let perAccount: Int
    public let perAddress: Int
    public let window: TimeInterval

    public init(scope: String = "login", perPair: Int = 5, perAccount: Int = 10, perAddress: Int = 20, window: TimeInterval = 15 * 60) {
        self.scope = scope
        self.perPair = perPair
        self.perAccount = perAccount
        self.perAddress = perAddress
        self.window = window
    }

    /// Minutes until this address may try this account again; nil if allowed now.
    public func blockedMinutes(account: String, address: String, now: Date = Date(), on db: any Database) async throws -> Int? {
        let limits = [(Self.pairKey(account, address), perPair), ("a:" + address, perAddress), ("u:" + account, perAccount)]
        let recent = try await failures(keys: limits.map(\.0), now: now, on: db)
        var until: Date? = nil
        for (key, limit) in limits {
            let times = recent[key] ?? []
            if times.count >= limit, let first = times.min() { until = max(until ?? .distantPast, first.addingTimeInterval(window)) }
        }
        guard let until else { return nil }
        return max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
    }

    /// Whether the account is locked for every address (not just one client's tries).
    public func isLocked(account: String, now: Date = Date(), on db: any Database) async throws -> Bool {
        let key = "u:" + account
        return (try await failures(keys: [key], now: now, on: db)[key]?.count ?? 0) >= perAccount
    }

    public func recordFailure(account: String, address: String, now: Date = Date(), on db: any Database) async throws {
        try await db.writeTransaction { tx in
            // Failures older than the window count for nothing: forget them as new ones come.
            try await LoginFailure.query(on: tx).filter(\.$scope == scope).filter(\.$at < now.addingTimeInterval(-window)).delete()
            for (key, owner) in [(Self.pairKey(account, address), account), ("a:" + address, nil), ("u:" + account, account)] {
                try await LoginFailure(scope: scope, key: key, account: owner, at: now).create(on: tx)
            }
        }
    }

    public func recordSuccess(account: String, address: String, on db: any Database) async throws {
        try await LoginFailure.query(on: db).filter(\.$scope == scope)
            .filter(\.$key ~~ ["u:" + account, Self.pairKey(account, address)]).delete()
    }

    /// An administrator lifts the lock: the account's failures from every address are forgotten.
    public func unlock(account: String, on db: any Database) async throws {
        try await LoginFailure.query(on: db).filter(\.$scope == scope).filter(\.$account == account).delete()
    }

    static func pairKey(_ account: String, _ address: String) -> String { "p:" + account + "|" + address }

    func failures(keys: [String], now: Date, on db: any Database) async throws -> [String: [Date]] {
        let rows = try await LoginFailure.query(on: db).filter(\.$scope == scope).filter(\.$key ~~ keys)
            .filter(\.$at > now.addingTimeInterval(-window)).all()
        return Dictionary(grouping: rows, by: \.key).mapValues { $0.map(\.at) }
    }
}
