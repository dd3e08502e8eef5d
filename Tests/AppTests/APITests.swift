import Composition
import Accounts
import FluentKit
import Foundation
import TestDatabases
import Testing
import Vapor
import VaporTesting
@testable import Web

@Suite("JSON API, tokens and the OpenAPI file")
struct APITests {
    static let openAPIURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("openapi.json")

    /// Creates a token through the web page and returns the plain token shown once.
    func createToken(_ app: Application, user: String, scopes: String) async throws -> String {
        let client = TestClient(app)
        try await client.login(user)
        _ = try await client.get("/tokens")
        let page = try await client.post("/tokens", ["name": "同步脚本", "scopes": scopes])
        #expect(page.status == .created)
        let html = page.body.string
        guard let start = html.range(of: "<pre class=\"token\">"), let end = html.range(of: "</pre>", range: start.upperBound..<html.endIndex) else {
            Issue.record("token not shown"); return ""
        }
        return String(html[start.upperBound..<end.lowerBound])
    }

    func bearer(_ token: String) -> HTTPHeaders { ["Authorization": "Bearer \(token)"] }

    @Test(arguments: Engine.all)
    func bearerTokensWorkUntilRevokedAndScopesLimitWrites(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let readToken = try await createToken(app, user: "suichang", scopes: "read")
            #expect(readToken.hasPrefix("xc_"))
            // Only the hash is stored.
            let stored = try await APIToken.query(on: app.db).all()
            #expect(!stored.contains { $0.tokenHash == readToken })
            let api = TestClient(app)
            let me = try await api.get("/api/v1/me", headers: bearer(readToken))
            #expect(me.status == .ok)
            #expect(me.body.string.contains("\"username\":\"suichang\""))
            let divisions = try await api.get("/api/v1/divisions", headers: bearer(readToken))
            #expect(divisions.body.string.contains("新路湾镇"))
            var headers = bearer(readToken)
            headers.contentType = .json
            let body = ByteBuffer(string: #"{"username":"api.user","displayName":"接口用户","password":"long-enough-1","role":"auditor","scopeCode":"331123000000"}"#)
            let denied = try await api.send(.POST, "/api/v1/users", headers: headers, body: body)
            #expect(denied.status == .forbidden)
            let writeToken = try await createToken(app, user: "suichang", scopes: "read write")
            var writeHeaders = bearer(writeToken)
            writeHeaders.contentType = .json
            let created = try await api.send(.POST, "/api/v1/users", headers: writeHeaders, body: body)
            #expect(created.status == .created)
            #expect(created.headers.first(name: .location)?.hasPrefix("/api/v1/users/") == true)
            let invalid = try await api.send(.POST, "/api/v1/users", headers: writeHeaders,
                body: ByteBuffer(string: #"{"username":"api.user","displayName":"","password":"x","role":"auditor","scopeCode":"331123000000"}"#))
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.body.string.contains("\"username\""))
            #expect(invalid.body.string.contains("\"password\""))
            // Only a taken name: a conflict (409), not a validation error.
            let taken = try await api.send(.POST, "/api/v1/users", headers: writeHeaders, body: body)
            #expect(taken.status == .conflict)
            #expect(taken.body.string.contains("\"username\""))
            // Strict query parameters: 400 naming the parameter; far pages are empty, never a crash.
            for (path, parameter) in [("/api/v1/audit?per=501", "per"), ("/api/v1/audit?page=0", "page"),
                                      ("/api/v1/audit?page=2305843009213693952&per=124", "page"), ("/api/v1/audit?action=bogus", "action"),
                                      ("/api/v1/audit?from=2024-02-30", "from"), ("/api/v1/programme?asOf=", "asOf"),
                                      ("/api/v1/programme/tasks?asOf=0873-08-05", "asOf"), ("/api/v1/programme/progress?status=AAA", "status"),
                                      ("/api/v1/divisions?parent=0x", "parent"), ("/api/v1/divisions?includeInactive=yes", "includeInactive")] {
                let r = try await api.get(path, headers: bearer(readToken))
                #expect(r.status == .badRequest, "\(path)")
                #expect(r.body.string.contains("\"detail\":\"\(parameter):"), "\(path)")
            }
            let far = try await api.get("/api/v1/audit?page=100000&per=500", headers: bearer(readToken))
            #expect(far.status == .ok)
            #expect(far.body.string.contains("\"items\":[]"))
            #expect(try await api.get("/api/v1/divisions?parent=00", headers: bearer(readToken)).status == .notFound)
            #expect(try await api.get("/api/v1/programme?asOf=2021-12-02", headers: bearer(readToken)).status == .ok)
            // Revoke through the page; the token stops working.
            let owner = TestClient(app)
            try await owner.login("suichang")
            _ = try await owner.get("/tokens")
            for token in try await APIToken.query(on: app.db).all() {
                _ = try await owner.post("/tokens/\(try token.requireID())/revoke", [:])
            }
            #expect(try await api.get("/api/v1/me", headers: bearer(readToken)).status == .unauthorized)
            #expect(try await api.get("/api/v1/me", headers: bearer("xc_forged")).status == .unauthorized)
        }
    }

    @Test(arguments: Engine.all)
    func lastUsedIsKeptToTheMinuteWithoutAWritePerCall(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let token = try await createToken(app, user: "suichang", scopes: "read")
            let api = TestClient(app)
            #expect(try await api.get("/api/v1/me", headers: bearer(token)).status == .ok)
            let first = try #require(try await APIToken.query(on: app.db).first()?.lastUsedAt)
            #expect(try await api.get("/api/v1/me", headers: bearer(token)).status == .ok)
            #expect(try await APIToken.query(on: app.db).first()?.lastUsedAt == first)
            // Older than the resolution: the next call records it again.
            let stored = try #require(try await APIToken.query(on: app.db).first())
            stored.lastUsedAt = Date().addingTimeInterval(-2 * Tokens.lastUsedResolution)
            try await stored.save(on: app.db)
            #expect(try await api.get("/api/v1/me", headers: bearer(token)).status == .ok)
            let again = try #require(try await APIToken.query(on: app.db).first()?.lastUsedAt)
            #expect(again.timeIntervalSinceNow > -Tokens.lastUsedResolution)
        }
    }

    @Test(arguments: Engine.all)
    func sessionWritesNeedTheCSRFHeader(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let client = TestClient(app)
            try await client.login("suichang")
            _ = try await client.get("/")
            var headers = HTTPHeaders()
            headers.contentType = .json
            let body = ByteBuffer(string: #"{"username":"s.user","displayName":"会话用户","password":"long-enough-1","role":"auditor","scopeCode":"331123000000"}"#)
            #expect(try await client.send(.POST, "/api/v1/users", headers: headers, body: body).status == .forbidden)
            headers.replaceOrAdd(name: "X-CSRF-Token", value: client.lastCSRF ?? "")
            #expect(try await client.send(.POST, "/api/v1/users", headers: headers, body: body).status == .created)
        }
    }

    @Test func theOpenAPIFileDescribesExactlyTheAPIRoutes() async throws {
        let data = try Data(contentsOf: Self.openAPIURL)
        guard let spec = try JSONSerialization.jsonObject(with: data) as? [String: Any], let paths = spec["paths"] as? [String: [String: Any]] else {
            Issue.record("openapi.json is not an object with paths"); return
        }
        var documented = Set<String>()
        for (path, operations) in paths {
            for method in operations.keys { documented.insert("\(method.uppercased()) /api/v1\(path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: ""))") }
        }
        try await withTestApp(.sqlite) { app in
            let routes = Set(app.routes.all.map { route in
                "\(route.method.rawValue) /" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return ":" + name }
                    return component.description
                }.joined(separator: "/")
            }.filter { $0.contains(" /api/v1/") })
            #expect(routes == documented, "undocumented: \(routes.subtracting(documented)); missing: \(documented.subtracting(routes))")
        }
    }

    @Test(arguments: Engine.all)
    func phonesAreMaskedForRolesThatDoNotNeedThem(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            _ = try await AccountService.create(NewUser(username: "op1", displayName: "站长甲", password: "long-enough-1", role: .stationOperator,
                                                        scopeCode: "331123000000", phone: "13912345678"),
                                                hasher: app.passwordHasher, actor: .cli(), creatorScope: .everything, on: app.db)
            let admin = TestClient(app)
            try await admin.login("suichang")
            #expect(try await admin.get("/api/v1/users").body.string.contains("13912345678"))
            #expect(UserViews.phone(try #require(try await AccountService.findByUsername("op1", on: app.db)),
                                    for: try #require(try await AccountService.findByUsername("contractor", on: app.db))) == "139****5678")
        }
    }
}
