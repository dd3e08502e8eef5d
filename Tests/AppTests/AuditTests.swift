import Composition
import Accounts
import Audit
import Documents
import FluentKit
import Foundation
import SQLKit
import TestDatabases
import Testing
import Vapor
import VaporTesting
@testable import Web

@Suite("Audit trail")
struct AuditTests {
    @Test(arguments: Engine.all)
    func creatingAUserIsAuditedWithMaskedPhoneAndFormKeepsInputOnError(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let client = TestClient(app)
            try await client.login("suichang")
            _ = try await client.get("/users/new")
            let bad = try await client.post("/users/new", ["username": "zhang san", "displayName": "张三", "role": "stationOperator",
                                                           "scopeCode": "331123000000", "phone": "12", "password": "short"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("value=\"张三\""), "the form keeps what was typed")
            #expect(bad.body.string.contains("密码至少 10 位"))
            // Every error at once, each naming its rule, summarised at the top with a link to its field.
            #expect(bad.body.string.contains("用户名 3–32 位，只能用字母、数字和 . _ -"))
            #expect(bad.body.string.contains("应为 11 位手机号，以 1 开头"))
            #expect(bad.body.string.contains("<a href=\"#f-username\">用户名：用户名 3–32 位"))
            #expect(bad.body.string.contains("<form novalidate method=\"post\""), "our messages, not the browser's")
            let good = try await client.post("/users/new", ["username": "zhangsan", "displayName": "张三", "role": "stationOperator",
                                                            "scopeCode": "331123000000", "phone": "13812345678", "password": "a-long-password"])
            #expect(good.status == .seeOther)
            let entries = try await AuditEntry.query(on: app.db).filter(\.$entity == "users").filter(\.$action == "create").all()
            let entry = entries.first { AuditLog.decode($0.newValues)["username"] == "zhangsan" }
            #expect(entry?.actorName == "suichang")
            #expect(entry?.countyCode == "331123000000")
            #expect(AuditLog.decode(entry?.newValues)["phone"] == "138****5678")
            #expect(entry?.newValues?.contains("13812345678") == false)
            #expect(entry?.newValues?.contains("password") == false)
            // The page lists it; filtering by action works.
            let page = try await client.get("/audit?action=create&entity=users")
            #expect(page.body.string.contains("zhangsan"))
            let logins = try await client.get("/audit?action=login")
            #expect(!logins.body.string.contains("displayName=张三"))
        }
    }

    @Test(arguments: Engine.all)
    func exportsAreRealCSVAndXLSX(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let client = TestClient(app)
            try await client.login("suichang")
            let csv = try await client.get("/audit/export.csv")
            #expect(csv.status == .ok)
            let bytes = Array(csv.body.readableBytesView)
            #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF], "UTF-8 BOM for Chinese Excel")
            let table = try CSV.read(Data(bytes))
            #expect(table.records.first?.fields.first == "时间")
            #expect(table.records.contains { $0.fields.contains("suichang") })
            let xlsx = try await client.get("/audit/export.xlsx")
            #expect(xlsx.headers.first(name: .contentType)?.contains("spreadsheetml") == true)
            let book = try XLSX.read(Data(xlsx.body.readableBytesView))
            #expect(book.sheets.first?.name == "审计日志")
            #expect((book.sheets.first?.rows.count ?? 0) >= 2)
        }
    }
}
