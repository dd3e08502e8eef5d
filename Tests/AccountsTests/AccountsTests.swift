import Accounts
import Audit
import Divisions
import FluentKit
import Foundation
import TestDatabases
import Testing
import XiangcunKit

/// A fast stand-in for bcrypt (which the web app injects): a salted SHA-256, enough to tell a
/// right password from a wrong one and to show that the plain password is never stored.
struct TestHasher: PasswordHashing {
    func hash(_ password: String) throws -> String { "t$" + Secrets.sha256Hex("salt:" + password) }
    func verify(_ password: String, against hash: String) throws -> Bool { hash == (try self.hash(password)) }
}

/// Two counties of Zhejiang, so scope rules have somewhere to fail.
func loadCounties(_ db: any Database) async throws {
    let rows = try DivisionFiles.parse(Data("code,name\n330000000000,浙江省\n331100000000,丽水市\n331123000000,遂昌县\n331124000000,松阳县\n".utf8), encoding: "utf8")
    _ = try await DivisionImporter.importRows(rows, actor: .cli("test"), on: db)
}

@Suite("Accounts: users, scopes, sign-in, sessions, tokens (database)")
struct AccountsTests {
    let hasher = TestHasher()

    func user(_ name: String, _ role: Role, _ scope: String?, phone: String? = nil) -> NewUser {
        NewUser(username: name, displayName: name, password: "long-enough-password", role: role, scopeCode: scope, phone: phone)
    }

    @Test(arguments: Engine.all)
    func creationIsValidatedScopedAndAudited(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db
            try await loadCounties(db)
            let county = AccessScope.county(try DivisionCode("331123"))
            let created = try await AccountService.create(user("Zhang.San", .stationOperator, "331123000000", phone: "13812345678"),
                                                          hasher: hasher, actor: .cli("test"), creatorScope: county, on: db)
            #expect(created.username == "zhang.san")
            #expect(created.passwordHash != "long-enough-password")
            // Another county, a system administrator, an unknown county: refused by the scope.
            await #expect(throws: AccountError.forbidden) {
                _ = try await AccountService.create(user("elsewhere", .auditor, "331124000000"), hasher: hasher, actor: .cli("test"), creatorScope: county, on: db)
            }
            await #expect(throws: AccountError.forbidden) {
                _ = try await AccountService.create(user("root2", .systemAdmin, nil), hasher: hasher, actor: .cli("test"), creatorScope: county, on: db)
            }
            // Field rules, all reported at once.
            do {
                _ = try await AccountService.create(NewUser(username: "zhang.san", displayName: " ", password: "short", role: .auditor,
                                                            scopeCode: "331123000000", phone: "12"), hasher: hasher, actor: .cli("test"), creatorScope: county, on: db)
                Issue.record("expected a validation failure")
            } catch let failure as ValidationFailure {
                #expect(failure.fields == ["username": "error.taken", "displayName": "error.required", "password": "error.password.short", "phone": "error.phone"])
            }
            let entries = try await AuditEntry.query(on: db).filter(\.$entity == User.schema).filter(\.$action == "create").all()
            #expect(entries.count == 1)
            #expect(AuditLog.decode(entries.first?.newValues)["phone"] == "138****5678")
            #expect(entries.first?.newValues?.contains("13812345678") == false)
            // Lists and finds stay inside the scope.
            let other = try await AccountService.create(user("songyang", .countyAdmin, "331124000000"), hasher: hasher, actor: .cli("test"),
                                                        creatorScope: .everything, on: db)
            #expect(try await AccountService.list(in: county, on: db).map(\.username) == ["zhang.san"])
            #expect(try await AccountService.find(try other.requireID(), in: county, on: db) == nil)
            #expect(try await AccountService.find(try other.requireID(), in: .province(try DivisionCode("33")), on: db)?.username == "songyang")
        }
    }

    @Test(arguments: Engine.all)
    func signInMakesSessionsThatEndAndDisablingRefuses(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db
            try await loadCounties(db)
            let u = try await AccountService.create(user("auditor1", .auditor, "331123000000"), hasher: hasher, actor: .cli("test"),
                                                    creatorScope: .everything, on: db)
            let throttle = LoginThrottle()
            guard case .failed = try await SignIn.attempt(username: "auditor1", password: "wrong", address: "10.0.0.1", hasher: hasher, throttle: throttle, on: db) else {
                Issue.record("a wrong password signed in"); return
            }
            #expect(try await AuditEntry.query(on: db).filter(\.$action == "loginFailed").count() == 1)
            guard case .success(_, let token) = try await SignIn.attempt(username: " AUDITOR1 ", password: "long-enough-password", address: "10.0.0.1",
                                                                        hasher: hasher, throttle: throttle, on: db) else {
                Issue.record("the right password did not sign in"); return
            }
            #expect(try await SignIn.resolve(sessionToken: token, on: db)?.1.username == "auditor1")
            #expect(try await UserSession.find(token, on: db) == nil, "only the hash of the token is stored")
            try await SignIn.signOut(sessionToken: token, actor: .cli("test"), on: db)
            #expect(try await SignIn.resolve(sessionToken: token, on: db) == nil)
            // A disabled account cannot sign in, and its live sessions stop resolving.
            guard case .success(_, let second) = try await SignIn.attempt(username: "auditor1", password: "long-enough-password", address: "10.0.0.1",
                                                                         hasher: hasher, throttle: throttle, on: db) else { Issue.record("sign-in"); return }
            try await AccountService.setDisabled(u, true, actor: .cli("test"), on: db)
            #expect(try await SignIn.resolve(sessionToken: second, on: db) == nil)
            guard case .disabled = try await SignIn.attempt(username: "auditor1", password: "long-enough-password", address: "10.0.0.1",
                                                           hasher: hasher, throttle: throttle, on: db) else { Issue.record("a disabled user signed in"); return }
        }
    }

    @Test(arguments: Engine.all)
    func tokensAreStoredHashedAndStopWhenRevoked(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db
            try await loadCounties(db)
            let u = try await AccountService.create(user("sync", .countyAdmin, "331123000000"), hasher: hasher, actor: .cli("test"),
                                                    creatorScope: .everything, on: db)
            let (token, plain) = try await Tokens.create(for: u, name: "同步", scopes: [.read], actor: .cli("test"), on: db)
            #expect(plain.hasPrefix("xc_"))
            #expect(token.tokenHash != plain && token.tokenHash == Secrets.sha256Hex(plain))
            #expect(try await Tokens.resolve(bearer: plain, on: db)?.0.scopeList == [.read])
            #expect(try await Tokens.resolve(bearer: plain + "x", on: db) == nil)
            try await Tokens.revoke(token, owner: u, actor: .cli("test"), on: db)
            #expect(try await Tokens.resolve(bearer: plain, on: db) == nil)
            do {
                _ = try await Tokens.create(for: u, name: "", scopes: [], actor: .cli("test"), on: db)
                Issue.record("a token without a name or scope was created")
            } catch is ValidationFailure {}
        }
    }

    @Test(arguments: Engine.all)
    func throttleRefusesOneAddressBeforeLockingTheAccount(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db
            let throttle = LoginThrottle(perPair: 2, perAccount: 3, perAddress: 10, window: 60)
            let t0 = Date(timeIntervalSince1970: 1_000_000)
            for _ in 0..<2 { try await throttle.recordFailure(account: "a", address: "1.1.1.1", now: t0, on: db) }
            #expect(try await throttle.blockedMinutes(account: "a", address: "1.1.1.1", now: t0, on: db) == 1)
            #expect(try await throttle.blockedMinutes(account: "a", address: "2.2.2.2", now: t0, on: db) == nil)
            #expect(try await throttle.isLocked(account: "a", now: t0, on: db) == false)
            try await throttle.recordFailure(account: "a", address: "2.2.2.2", now: t0, on: db)
            #expect(try await throttle.isLocked(account: "a", now: t0, on: db))
            #expect(try await throttle.blockedMinutes(account: "a", address: "3.3.3.3", now: t0, on: db) == 1)
            // Another throttle over the same table (the name probe's) counts its own failures.
            #expect(try await LoginThrottle(scope: "nameProbe", perPair: 1).blockedMinutes(account: "a", address: "1.1.1.1", now: t0, on: db) == nil)
            try await throttle.unlock(account: "a", on: db)
            #expect(try await throttle.blockedMinutes(account: "a", address: "1.1.1.1", now: t0, on: db) == nil)
            #expect(try await throttle.isLocked(account: "a", now: t0.addingTimeInterval(61), on: db) == false)
        }
    }

    /// Two app servers behind one database are two throttles over one table: failures counted
    /// by one refuse the client on the other.
    @Test(arguments: Engine.all)
    func throttleIsSharedThroughTheDatabase(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let first = LoginThrottle(perPair: 3), second = LoginThrottle(perPair: 3)
            let t0 = Date(timeIntervalSince1970: 2_000_000)
            try await first.recordFailure(account: "b", address: "9.9.9.9", now: t0, on: store.db)
            try await second.recordFailure(account: "b", address: "9.9.9.9", now: t0, on: store.db)
            try await first.recordFailure(account: "b", address: "9.9.9.9", now: t0, on: store.db)
            #expect(try await second.blockedMinutes(account: "b", address: "9.9.9.9", now: t0, on: store.db) == 15)
            // Old failures are forgotten as new ones are recorded.
            try await first.recordFailure(account: "c", address: "8.8.8.8", now: t0.addingTimeInterval(3600), on: store.db)
            #expect(try await second.blockedMinutes(account: "b", address: "9.9.9.9", now: t0.addingTimeInterval(3600), on: store.db) == nil)
        }
    }
}
