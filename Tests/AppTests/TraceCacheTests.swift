import Composition
import FluentKit
import Foundation
import Programme
import SQLKit
import Statistics
import TestDatabases
import Testing
import Trace
import Vapor
import VaporTesting
import XiangcunKit
@testable import Web

/// The cached public trace page and the staff-only certificate scans, through HTTP on both engines.
@Suite("Trace cache and certificates")
struct TraceCacheTests {
    /// A cached page is served until a write the page shows commits: a recall made after the
    /// first view (another path than the web server's own) warns at the very next view.
    @Test(arguments: Engine.all)
    func cachedTracePageWarnsRightAfterARecall(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let client = TestClient(app)
            let first = try await client.get("/t/SC-ZZ/10/ZZ2601").body.string
            #expect(!first.contains("role=\"alert\""))
            #expect(try await client.get("/t/SC-ZZ/10/ZZ2601").body.string == first)
            let zz = try #require(try await Batch.query(on: app.db).filter(\.$lot == "ZZ2601").first())
            try await FlowService.recall(zz, reason: "抽检不合格", actor: .cli("test"), on: app.db)
            let after = try await client.get("/t/SC-ZZ/10/ZZ2601").body.string
            #expect(after.contains("role=\"alert\"") && after.contains("抽检不合格"))
            // Every view counted, hits included, once the tally is written.
            try await app.publicTraceCache.flushScans(on: app.db)
            let scans = try await ScanCount.query(on: app.db).filter(\.$batchID == zz.requireID()).all().map(\.count).reduce(0, +)
            #expect(scans == 3)
            // The county's day totals (what the dashboards read) agree with the per-batch counts,
            // and the check finds a total written around them.
            let county = zz.countyCode
            let before = try await TraceQueries.totalScans(county: county, through: .today(), on: app.db)
            #expect(before >= 3)
            let all = try await ScanCount.query(on: app.db).filter(\.$countyCode == county).all().map(\.count).reduce(0, +)
            #expect(before == all)
            #expect(try await StatisticsCheck.run(on: app.db).isEmpty)
            try await (app.db as! any SQLDatabase).raw("UPDATE trace_scan_days SET count = count + 5").run()
            #expect(try await TraceQueries.totalScans(county: county, through: .today(), on: app.db) > before)
            #expect(try await StatisticsCheck.run(on: app.db).contains { $0.table == ScanDays.table })
        }
    }

    /// The scanned certificate: the county, its inspectors and the producer's own users may open
    /// it; an auditor may not; another producer's user does not find it; nobody signed out does.
    @Test(arguments: Engine.all)
    func certificateScansAreForStaffOnly(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let admin = TestClient(app)
            try await admin.login("suichang")
            let pdf = Data("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
            func certify(_ producerName: String, number: String) async throws -> UUID {
                let p = try #require(try await Producer.query(on: app.db).filter(\.$name == producerName).first())
                _ = try await admin.get("/products/producers/\(p.requireID())")  // the form's CSRF token
                let posted = try await admin.postMultipart("/products/producers/\(p.requireID())/certifications",
                                                           fields: ["kind": "green", "number": number, "validFrom": "2026-01-01", "validTo": "2028-12-31"],
                                                           file: (name: "evidence", filename: "cert.pdf", data: pdf))
                #expect(posted.status == .seeOther)
                return try #require(try await Certification.query(on: app.db).filter(\.$number == number).first()?.requireID())
            }
            let farm = try await certify("柘里薯香家庭农场（示例）", number: "LB-2026-001")
            let enterprise = try await certify(try #require(try await Producer.query(on: app.db).filter(\.$kind == "enterprise").first()).name, number: "LB-2026-002")
            let path = SiteURL.trace(.certificationEvidence(farm)).path
            let opened = try await admin.get(path)
            #expect(opened.status == .ok && opened.body.string.hasPrefix("%PDF"))
            for (user, status) in [("producer", HTTPStatus.ok), ("inspector", .ok), ("auditor", .forbidden)] {
                let c = TestClient(app)
                try await c.login(user)
                #expect(try await c.get(path).status == status, "\(user)")
            }
            let producer = TestClient(app)
            try await producer.login("producer")
            #expect(try await producer.get(SiteURL.trace(.certificationEvidence(enterprise)).path).status == .notFound)
            #expect(try await TestClient(app).get(path).status != .ok)
            #expect(try await admin.get(SiteURL.trace(.certificationEvidence(UUID())).path).status == .notFound)
        }
    }
}
