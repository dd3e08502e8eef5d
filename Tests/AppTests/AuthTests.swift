import Composition
import Accounts
import FluentKit
import Foundation
import TestDatabases
import Testing
import Vapor
import VaporTesting
@testable import Web

@Suite("Sign-in, sessions, CSRF and rate limits")
struct AuthTests {
    @Test(arguments: Engine.all)
    func anonymousIsSentToLoginAndAPIGets401(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            let client = TestClient(app)
            let home = try await client.get("/")
            #expect(home.status == .seeOther)
            #expect(home.headers.first(name: .location)?.hasPrefix("/login") == true)
            let api = try await client.get("/api/v1/me")
            #expect(api.status == .unauthorized)
            #expect(api.headers.first(name: .contentType) == "application/problem+json")
        }
    }

    @Test(arguments: Engine.all)
    func loginSetsSecureHttpOnlyCookieAndShowsCountyHome(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let client = TestClient(app)
            let wrong = try await client.login("suichang", "not-the-password")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.string.contains("用户名或密码错误"))
            let ok = try await client.login("suichang")
            #expect(ok.status == .seeOther)
            let cookie = ok.headers[.setCookie].first { $0.hasPrefix("xc_session=") } ?? ""
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("Secure"))
            #expect(cookie.lowercased().contains("samesite=lax"))
            let home = try await client.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("浙江省丽水市遂昌县"))
            #expect(home.body.string.contains("lang=\"zh-Hans\""))
            // Switch to English: remembered in a cookie.
            let switched = try await client.get("/language/en?back=/")
            #expect(switched.status == .seeOther)
            let english = try await client.get("/")
            #expect(english.body.string.contains("Sign out"))
            #expect(english.body.string.contains("lang=\"en\""))
        }
    }

    @Test(arguments: Engine.all)
    func stateChangingRequestsNeedTheCSRFToken(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let client = TestClient(app)
            // Login without the double-submit cookie/token is refused.
            let forged = try await client.post("/login", ["username": "suichang", "password": DemoCounty.password], csrf: false)
            #expect(forged.status == .forbidden)
            try await client.login("suichang")
            _ = try await client.get("/users/new")
            for path in ["/logout", "/users/new", "/tokens", "/divisions/import"] {
                let response = try await client.post(path, ["username": "x"], csrf: false)
                #expect(response.status == .forbidden, "\(path) without CSRF token")
            }
            let wrongToken = try await client.post("/users/new", ["_csrf": "forged", "username": "x"])
            #expect(wrongToken.status == .forbidden)
            // Still signed in: nothing happened.
            #expect(try await client.get("/").status == .ok)
        }
    }

    @Test(arguments: Engine.all)
    func loginIsRateLimitedPerAccount(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let client = TestClient(app)
            for _ in 0..<5 { #expect(try await client.login("auditor", "wrong-password-1").status == .unauthorized) }
            let blocked = try await client.login("auditor")
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.body.string.contains("登录失败次数过多"))
            // Another account from the same address is not locked by this account's failures.
            #expect(try await TestClient(app).login("suichang").status == .seeOther)
        }
    }

    @Test(arguments: [Engine.sqlite])
    func throttleLimitsPerAddressAndExpires(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            let db = app.db
            let throttle = LoginThrottle(perAccount: 100, perAddress: 3, window: 60)
            let t0 = Date(timeIntervalSince1970: 1_000_000)
            for i in 0..<3 { try await throttle.recordFailure(account: "user\(i)", address: "10.0.0.1", now: t0, on: db) }
            #expect(try await throttle.blockedMinutes(account: "someone", address: "10.0.0.1", now: t0, on: db) == 1)
            #expect(try await throttle.blockedMinutes(account: "someone", address: "10.0.0.2", now: t0, on: db) == nil)
            #expect(try await throttle.blockedMinutes(account: "someone", address: "10.0.0.1", now: t0.addingTimeInterval(61), on: db) == nil)
        }
    }

    @Test(arguments: Engine.all)
    func logoutEndsTheSessionAndDisabledUsersCannotSignIn(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let client = TestClient(app)
            try await client.login("station")
            let stolen = client.cookies["xc_session"]
            _ = try await client.get("/")
            #expect(try await client.post("/logout", [:]).status == .seeOther)
            let replay = TestClient(app)
            replay.cookies["xc_session"] = stolen
            #expect(try await replay.get("/").status == .seeOther)
            let admin = TestClient(app)
            try await admin.login("suichang")
            guard let station = try await AccountService.findByUsername("station", on: app.db) else { Issue.record("no station user"); return }
            _ = try await admin.get("/users/\(try station.requireID())")
            // A too-short new password goes back to the page saying why; the old one still works.
            let short = try await admin.post("/users/\(try station.requireID())/password", ["password": "short"])
            #expect(short.headers.first(name: .location)?.hasSuffix("flash=flash.passwordShort") == true)
            #expect(try await TestClient(app).login("station").status == .seeOther)
            #expect(try await admin.post("/users/\(try station.requireID())/disable", [:]).status == .seeOther)
            let again = try await TestClient(app).login("station")
            #expect(again.status == .forbidden)
            #expect(again.body.string.contains("已停用"))
        }
    }

    @Test func passwordsAreStoredAsBcrypt() throws {
        let hasher = BcryptPasswordHasher(cost: 4)
        let hash = try hasher.hash("correct horse")
        #expect(hash.hasPrefix("$2b$04$"))
        #expect(try hasher.verify("correct horse", against: hash))
        #expect(try !hasher.verify("wrong horse", against: hash))
    }
}
