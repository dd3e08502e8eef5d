import Composition
import Accounts
import Audit
import FluentKit
import Foundation
import Programme
import ProgrammeCore
import TestDatabases
import Testing
import Vapor
import VaporTesting
@testable import Web

/// Regression tests for the findings of the security probe (issue 16), on both engines.
@Suite("Security: tokens, body limits, public evidence, metrics, sessions, lockout")
struct SecurityTests {
    static func bearer(_ token: String) -> HTTPHeaders { ["Authorization": "Bearer \(token)"] }

    /// A concrete path for a registered route: parameters get an id-shaped value.
    static func concretePath(_ route: Route) -> String {
        "/" + route.path.map { component -> String in
            switch component {
            case .constant(let text): return text
            case .parameter(let name): return name == "county" ? "331123" : UUID().uuidString
            case .anything, .catchall: return "x"
            }
        }.joined(separator: "/")
    }

    static func writeRoutes(_ app: Application, api: Bool) -> [Route] {
        app.routes.all.filter { ![.GET, .HEAD, .OPTIONS].contains($0.method) && ($0.path.first == .constant("api")) == api }
    }

    static func readToken(_ app: Application, user: String) async throws -> String {
        let owner = try #require(try await AccountService.findByUsername(user, on: app.db))
        return try await Tokens.create(for: owner, name: "只读", scopes: [.read], actor: .cli("test"), on: app.db).1
    }

    /// Finding 1: a read token writes through no form route and no API route. Both lists come
    /// from the route table, so a route added later is covered without editing this test.
    @Test(arguments: Engine.all)
    func readTokenWritesNothingAnywhere(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let token = try await Self.readToken(app, user: "suichang")
            let client = TestClient(app)
            let auditBefore = try await AuditEntry.query(on: app.db).count()
            let tokensBefore = try await APIToken.query(on: app.db).count()
            let formRoutes = Self.writeRoutes(app, api: false)
            #expect(formRoutes.count > 20, "the route table lists the form routes")
            for route in formRoutes {
                var headers = Self.bearer(token)
                headers.contentType = .urlEncodedForm
                let r = try await client.send(route.method, Self.concretePath(route), headers: headers,
                                              body: ByteBuffer(string: "name=x&scopes=read+write&decision=reject&comment=x&password=abcdefghijkl"))
                #expect(r.status == .forbidden, "\(route.method) \(route.path.string) with a read token: \(r.status)")
            }
            // The four writes the probe made, with real ids.
            let station = try #require(try await AccountService.findByUsername("station", on: app.db))
            let pending = try #require(try await DisbursementRecord.query(on: app.db).first())
            pending.status = "pending"
            try await pending.save(on: app.db)
            for (path, form) in [("/tokens", "name=x&scopes=read+write"), ("/users/new", "username=evil1&displayName=x&role=auditor&password=abcdefghijkl"),
                                 ("/users/\(try station.requireID())/password", "password=abcdefghijkl"),
                                 ("/programme/disbursements/\(try pending.requireID())/review", "decision=reject&comment=x")] {
                var headers = Self.bearer(token)
                headers.contentType = .urlEncodedForm
                #expect(try await client.send(.POST, path, headers: headers, body: ByteBuffer(string: form)).status == .forbidden, "\(path)")
            }
            let apiRoutes = Self.writeRoutes(app, api: true)
            #expect(apiRoutes.count >= 8)
            for route in apiRoutes {
                var headers = Self.bearer(token)
                headers.contentType = .json
                let r = try await client.send(route.method, Self.concretePath(route), headers: headers, body: ByteBuffer(string: "{}"))
                #expect(r.status == .forbidden, "\(route.method) \(route.path.string)")
                #expect(r.body.string.contains("write scope"), "\(route.path.string)")
            }
            #expect(try await AuditEntry.query(on: app.db).count() == auditBefore, "nothing was written")
            #expect(try await APIToken.query(on: app.db).count() == tokensBefore)
            #expect(try await DisbursementRecord.find(pending.id, on: app.db)?.status == "pending")
            #expect(try await AccountService.findByUsername("evil1", on: app.db) == nil)
            // Outside /api a bearer header is ignored: a public page still answers, a bad token is no error.
            #expect(try await client.get("/public/331123", headers: Self.bearer("xc_forged")).status == .ok)
            #expect(try await client.get("/public/331123", headers: Self.bearer(token)).status == .ok)
            // …and it signs nobody in: a signed-in page sends the browser to the login form.
            #expect(try await client.get("/programme/funds", headers: Self.bearer(token)).status == .seeOther)
            // Under /api the read token still reads.
            #expect(try await client.get("/api/v1/me", headers: Self.bearer(token)).status == .ok)
        }
    }

    /// Finding 2: bodies over the limit are refused from what they declare, before they are read.
    @Test(arguments: Engine.all)
    func oversizedBodiesAreRefused(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let client = TestClient(app)
            try await client.login("suichang")
            _ = try await client.get("/tokens")
            let tokensBefore = try await APIToken.query(on: app.db).count()
            let big = String(repeating: "x", count: 200 * 1024)
            let form = try await client.post("/tokens", ["name": big, "scopes": "read"])
            #expect(form.status == .payloadTooLarge)
            #expect(form.body.string.contains("提交的内容过大"))
            #expect(try await APIToken.query(on: app.db).count() == tokensBefore)
            // A JSON write over a session: the same limit.
            let target = try #require(try await TargetRecord.query(on: app.db).filter(\.$countyCode == "331123000000").first())
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.replaceOrAdd(name: "X-CSRF-Token", value: client.lastCSRF ?? "")
            let json = try await client.send(.PATCH, "/api/v1/programme/targets/\(try target.requireID())", headers: headers,
                                             body: ByteBuffer(string: #"{"note":""# + big + #""}"#))
            #expect(json.status == .payloadTooLarge)
            #expect(json.headers.first(name: .contentType)?.hasPrefix("application/problem+json") == true)
            // Within the limit the same form works; an upload route keeps its own, larger limit.
            #expect(try await client.post("/tokens", ["name": "正常", "scopes": "read"]).status == .created)
            let narratives = try await client.post("/programme/narratives", ["overview": String(repeating: "情", count: 20_000)])
            #expect(narratives.status != .payloadTooLarge)
            // Anonymous: the login form takes a few KB; a large login body is refused.
            let anonymous = TestClient(app)
            _ = try await anonymous.get("/login")
            #expect(try await anonymous.post("/login", ["username": "suichang", "password": big]).status == .payloadTooLarge)
            // Any other anonymous write is refused (CSRF) without its body being read.
            #expect(try await anonymous.post("/tokens", ["name": big]).status == .forbidden)
            #expect(try await anonymous.post("/no/such/path", ["name": big]).status == .forbidden)
        }
    }

    /// Finding 3: evidence marked public is public only once its report is verified.
    @Test(arguments: Engine.all)
    func publicEvidenceOnlyOfVerifiedReports(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let county = "331123000000"
            let training = try #require(try await TargetRecord.query(on: app.db).filter(\.$countyCode == county).filter(\.$unit == "人次").first())
            let contractor = TestClient(app)
            try await contractor.login("contractor")
            _ = try await contractor.get("/programme/tasks")
            let auditor = TestClient(app)
            try await auditor.login("auditor")
            _ = try await auditor.get("/programme/progress")
            let anonymous = TestClient(app)
            var files: [String: UUID] = [:]
            for (name, actual) in [("returned", "2000"), ("submitted", "2050"), ("verified", "2100")] {
                let posted = try await contractor.postMultipart("/programme/targets/\(try training.requireID())/progress",
                    fields: ["asOf": "2021-12-20", "actual": actual, "evidencePublic": "on"], file: ("file", "\(name).png", pngBytes))
                #expect(posted.status == .seeOther)
                let report = try #require(try await ProgressRecord.query(on: app.db).filter(\.$targetCode == training.code)
                    .filter(\.$actual == actual).first())
                let evidence = try #require(try await EvidenceRecord.query(on: app.db).filter(\.$ownerID == (try report.requireID())).first())
                #expect(evidence.isPublic)
                files[name] = try evidence.requireID()
                let decision = ["returned": "return", "verified": "verify"][name]
                if let decision {
                    let r = try await auditor.post("/programme/progress/\(try report.requireID())/review", ["decision": decision, "comment": "核查"])
                    #expect(r.status == .seeOther)
                }
            }
            for name in ["returned", "submitted"] {
                let r = try await anonymous.get("/public/331123/evidence/\(try #require(files[name]))")
                #expect(r.status == .notFound, "\(name) report's evidence")
            }
            let shown = try await anonymous.get("/public/331123/evidence/\(try #require(files["verified"]))")
            #expect(shown.status == .ok)
            #expect(Data(shown.body.readableBytesView) == pngBytes)
        }
    }

    /// Finding 4: the catalogue API follows the catalogue page's rule for station operators.
    @Test(arguments: Engine.all)
    func operatorsGetNeitherCataloguePageNorAPI(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let station = TestClient(app)
            try await station.login("station")
            #expect(try await station.get("/network/services").status == .forbidden)
            #expect(try await station.get("/api/v1/network/services").status == .forbidden)
            let county = TestClient(app)
            try await county.login("suichang")
            #expect(try await county.get("/network/services").status == .ok)
            let api = try await county.get("/api/v1/network/services")
            #expect(api.status == .ok)
            #expect(api.body.string.contains("parcels"))
        }
    }

    /// Finding 5: /metrics answers loopback clients, or the configured token, only.
    @Test(arguments: Engine.all)
    func metricsAreNotPublic(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            let client = TestClient(app)
            // The in-memory client has no loopback address: a remote client.
            #expect(try await client.get("/metrics").status == .forbidden)
            app.settings.trustProxy = true
            #expect(try await client.get("/metrics", headers: ["X-Forwarded-For": "203.0.113.9"]).status == .forbidden)
            let local = try await client.get("/metrics", headers: ["X-Forwarded-For": "127.0.0.1"])
            #expect(local.status == .ok)
            #expect(local.body.string.contains("xiangcun_http_requests_total"))
            app.settings.metricsToken = "scrape-secret-1234"
            #expect(try await client.get("/metrics", headers: ["X-Forwarded-For": "203.0.113.9", "Authorization": "Bearer wrong"]).status == .forbidden)
            #expect(try await client.get("/metrics", headers: ["X-Forwarded-For": "203.0.113.9", "Authorization": "Bearer scrape-secret-1234"]).status == .ok)
        }
    }

    /// Finding 6: sessions, API caching and encoding, lockout.
    @Test(arguments: Engine.all)
    func signingInEndsThePreviousSession(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let client = TestClient(app)
            try await client.login("suichang")
            let first = try #require(client.cookies[Cookies.session])
            // The same browser signs in as someone else (a login form opened earlier).
            client.cookies[Cookies.loginCSRF] = "form-token-123"
            let second = try await client.post("/login", ["_csrf": "form-token-123", "username": "auditor", "password": DemoCounty.password, "next": "/"])
            #expect(second.status == .seeOther)
            #expect(client.cookies[Cookies.session] != first)
            let old = TestClient(app)
            old.cookies[Cookies.session] = first
            #expect(try await old.get("/programme/funds").status == .seeOther, "the first session has ended")
            #expect(try await client.get("/programme/funds").status == .ok)
        }
    }

    @Test(arguments: Engine.all)
    func apiAnswersAreNotCachedAndQueriesMustBeUTF8(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let client = TestClient(app)
            try await client.login("suichang")
            let me = try await client.get("/api/v1/me")
            #expect(me.headers.first(name: .cacheControl) == "no-store")
            #expect(try await client.get("/api/v1/no-such").headers.first(name: .cacheControl) == "no-store")
            let bad = try await client.get("/api/v1/network/facilities?type=%FF%FE")
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("\"detail\":\"type:"))
            #expect(try await client.get("/api/v1/network/facilities?type=%E4%B8%AD").status == .badRequest, "valid text, unknown type")
            #expect(try await client.get("/api/v1/network/facilities").status == .ok)
        }
    }

    @Test(arguments: Engine.all)
    func oneAddressCannotLockAnAccountAndAdministratorsUnlock(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            app.settings.trustProxy = true
            func attempt(_ password: String, from address: String) async throws -> HTTPStatus {
                let c = TestClient(app)
                _ = try await c.get("/login")
                return try await c.send(.POST, "/login", headers: ["X-Forwarded-For": address, "Content-Type": "application/x-www-form-urlencoded"],
                                        body: ByteBuffer(string: "_csrf=\(c.lastCSRF ?? "")&username=auditor&password=\(password)")).status
            }
            for _ in 0..<5 { #expect(try await attempt("wrong-password", from: "198.51.100.1") == .unauthorized) }
            // That address is refused for this account; the owner elsewhere still signs in.
            #expect(try await attempt(DemoCounty.password, from: "198.51.100.1") == .tooManyRequests)
            #expect(try await attempt(DemoCounty.password, from: "198.51.100.2") == .seeOther)
            // Failures from several addresses do lock the account…
            for address in ["198.51.100.3", "198.51.100.4"] {
                for _ in 0..<5 { _ = try await attempt("wrong-password", from: address) }
            }
            #expect(try await attempt(DemoCounty.password, from: "198.51.100.5") == .tooManyRequests)
            // …until a county administrator lifts the lock.
            let admin = TestClient(app)
            try await admin.login("suichang")
            let auditor = try #require(try await AccountService.findByUsername("auditor", on: app.db))
            let page = try await admin.get("/users/\(try auditor.requireID())")
            #expect(page.body.string.contains("已锁定"))
            #expect(try await admin.post("/users/\(try auditor.requireID())/unlock", [:]).status == .seeOther)
            #expect(try await attempt(DemoCounty.password, from: "198.51.100.5") == .seeOther)
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entityID == (try auditor.requireID()).uuidString).all()
            #expect(audit.contains { AuditLog.decode($0.newValues)["signInLock"] == "lifted" })
        }
    }
}

extension SecurityTests {
    /// Finding 6, last item: a taken name is answered alike wherever it is taken, audited, and
    /// an administrator who keeps trying taken names is stopped.
    @Test(arguments: Engine.all)
    func takenNamesCannotBeUsedToListAnotherCounty(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await TwoCounties.load(app)
            let client = TestClient(app)
            try await client.login("suichang")
            _ = try await client.get("/users/new")
            func create(_ name: String) async throws -> TestingHTTPResponse {
                try await client.post("/users/new", ["username": name, "displayName": "X", "role": "auditor",
                                                     "scopeCode": "331123000000", "password": "long-enough-password"])
            }
            let elsewhere = try await create("songyang")
            let here = try await create("auditor")
            #expect(elsewhere.status == .unprocessableEntity)
            #expect(here.status == elsewhere.status)
            #expect(elsewhere.body.string.contains("已被使用") && here.body.string.contains("已被使用"))
            for _ in 0..<8 { _ = try await create("songyang") }
            let stopped = try await create("songyang")
            #expect(stopped.status == .tooManyRequests)
            // The stop holds for free names too, so the probe learns nothing more.
            #expect(try await create("freshname").status == .tooManyRequests)
            let refusals = try await AuditEntry.query(on: app.db).filter(\.$entity == User.schema).all()
                .filter { AuditLog.decode($0.newValues)["refused"] == "username taken" }
            #expect(refusals.count == 10)
        }
    }
}
