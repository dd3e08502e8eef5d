import Accounts
import Audit
import Divisions
import FluentKit
import Foundation
import TestDatabases
import Testing
import Vapor
import VaporTesting
@testable import Web

/// Every route that takes an id is tried with ids from another county: 404, never data.
@Suite("County scoping")
struct ScopingTests {
    @Test(arguments: Engine.all)
    func idsFromAnotherCountyAreNotFound(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            let two = try await TwoCounties.load(app)
            let client = TestClient(app)
            try await client.login("suichang")
            _ = try await client.get("/")
            let other = two.otherAdminID.uuidString
            for path in ["/users/\(other)", "/api/v1/users/\(other)", "/divisions/\(two.otherTownship)", "/divisions/331124",
                         "/api/v1/divisions/\(two.otherTownship)", "/api/v1/divisions?parent=\(two.otherCounty)", "/divisions/33"] {
                let response = try await client.get(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(!response.body.string.contains("松阳"), "\(path) leaks the other county")
            }
            for path in ["/users/\(other)/disable", "/users/\(other)/enable", "/users/\(other)/password"] {
                #expect(try await client.post(path, ["password": "abcdefghijk"]).status == .notFound, "\(path)")
            }
            // The other county's user is unchanged.
            let songyang = try await User.find(two.otherAdminID, on: app.db)
            #expect(songyang?.disabled == false)
            // Lists show only this county.
            let users = try await client.get("/users")
            #expect(users.body.string.contains("suichang"))
            #expect(!users.body.string.contains("songyang"))
            let apiUsers = try await client.get("/api/v1/users")
            #expect(!apiUsers.body.string.contains("songyang"))
            // Own county's township works.
            #expect(try await client.get("/divisions/331123102").status == .ok)
        }
    }

    @Test(arguments: Engine.all)
    func tokensOfOthersCannotBeRevokedAndAuditIsScoped(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await TwoCounties.load(app)
            let songyang = TestClient(app)
            try await songyang.login("songyang")
            _ = try await songyang.get("/tokens")
            _ = try await songyang.post("/tokens", ["name": "松阳同步", "scopes": "read"])
            guard let token = try await APIToken.query(on: app.db).first() else { Issue.record("token not created"); return }
            let suichang = TestClient(app)
            try await suichang.login("suichang")
            _ = try await suichang.get("/tokens")
            #expect(try await suichang.post("/tokens/\(try token.requireID())/revoke", [:]).status == .notFound)
            #expect(try await APIToken.find(token.id, on: app.db)?.revokedAt == nil)
            let audit = try await suichang.get("/audit")
            #expect(audit.status == .ok)
            #expect(!audit.body.string.contains("松阳同步"))
            #expect(!audit.body.string.contains("songyang"))
            let apiAudit = try await suichang.get("/api/v1/audit")
            #expect(!apiAudit.body.string.contains("songyang"))
        }
    }

    @Test(arguments: Engine.all)
    func rolesSeeOnlyWhatTheyMay(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await TwoCounties.load(app)
            let station = TestClient(app)
            try await station.login("station")
            for path in ["/users", "/users/new", "/audit", "/audit/export.csv", "/api/v1/users", "/divisions/import", "/tokens"] {
                #expect(try await station.get(path).status == .forbidden, "station operator on \(path)")
            }
            let auditor = TestClient(app)
            try await auditor.login("auditor")
            #expect(try await auditor.get("/audit").status == .ok)
            #expect(try await auditor.get("/users").status == .forbidden)
            // The province viewer reads both counties of Zhejiang but manages nobody.
            let province = TestClient(app)
            try await province.login("zhejiang")
            #expect(try await province.get("/divisions/331124").status == .ok)
            #expect(try await province.get("/divisions/331123").status == .ok)
            #expect(try await province.get("/divisions/11").status == .notFound)
            #expect(try await province.get("/users").status == .forbidden)
            #expect(try await province.get("/county?county=331124").status == .seeOther)
            let home = try await province.get("/")
            #expect(home.body.string.contains("松阳县"))
            #expect(try await province.get("/county?county=110101").status == .notFound)
        }
    }

    @Test(arguments: Engine.all)
    func countyAdminCannotCreateUsersElsewhereOrSystemAdmins(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await TwoCounties.load(app)
            let client = TestClient(app)
            try await client.login("suichang")
            _ = try await client.get("/users/new")
            let elsewhere = try await client.post("/users/new", ["username": "intruder", "displayName": "X", "role": "countyAdmin",
                                                                 "scopeCode": "331124000000", "password": "long-enough-password"])
            #expect(elsewhere.status == .forbidden)
            let sysadmin = try await client.post("/users/new", ["username": "root2", "displayName": "X", "role": "systemAdmin",
                                                                "scopeCode": "", "password": "long-enough-password"])
            #expect(sysadmin.status == .forbidden)
            #expect(try await AccountService.findByUsername("intruder", on: app.db) == nil)
            #expect(try await AccountService.findByUsername("root2", on: app.db) == nil)
        }
    }
}
