import Composition
import Accounts
import Audit
import ProgrammeCore
import ServiceNetwork
import FluentKit
import Foundation
import Storage
import TestDatabases
import NetworkCore
import Testing
import Vapor
import VaporTesting
import XiangcunKit
@testable import Web

@Suite("Web shell and operations")
struct ShellTests {
    @Test(arguments: Engine.all)
    func everySectionHasAPageAndErrorsSpeakTheUsersLanguage(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let client = TestClient(app)
            try await client.login("contractor")
            // Every section of the navigation is built now: a page of its own, none "under construction".
            let admin = TestClient(app)
            try await admin.login("suichang")
            for section in Section.allCases {
                let page = try await admin.get(SiteURL.section(section).path)
                #expect(page.status == .ok, "\(section)")
                // 建设中 is also a facility status; the old placeholder said 本模块尚在建设中.
                #expect(!page.body.string.contains("本模块尚在建设中"), "\(section)")
            }
            #expect(try await client.get("/divisions").status == .seeOther)
            for path in ["/divisions/331123", "/divisions/331123102", "/public/331123", "/"] {
                #expect(try await client.get(path).status == .ok, "\(path)")
            }
            let missing = try await client.get("/no/such/page")
            #expect(missing.status == .notFound)
            #expect(missing.body.string.contains("页面不存在"))
            _ = try await client.get("/language/en?back=/")
            let english = try await client.get("/no/such/page")
            #expect(english.body.string.contains("Page not found"))
            let forbidden = try await client.get("/users")
            #expect(forbidden.status == .forbidden)
            #expect(forbidden.body.string.contains("Forbidden"))
            // A code that cannot exist (province 99) is no such division, like a well-formed code
            // that is simply absent: 404 either way, never 400, as the list endpoint answers.
            for code in ["999999", "331123999"] {
                let apiMissing = try await client.get("/api/v1/divisions/\(code)")
                #expect(apiMissing.status == .notFound, "\(code)")
                #expect(apiMissing.headers.first(name: .contentType) == "application/problem+json")
            }
        }
    }

    @Test(arguments: Engine.all)
    func publicDisclosureNeedsNoLoginAndShowsNoPersonalData(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let page = try await TestClient(app).get("/public/331123")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("遂昌县"))
            #expect(!page.body.string.contains("suichang"))
            #expect(try await TestClient(app).get("/public/999999").status == .notFound)
        }
    }

    @Test func healthMetricsAssetsAndSecurityHeaders() async throws {
        try await withTestApp(.sqlite) { app in
            let client = TestClient(app)
            let health = try await client.get("/healthz")
            #expect(health.status == .ok)
            #expect(health.body.string.contains("\"status\":\"ok\""))
            let css = try await client.get("/assets/app.css")
            #expect(css.headers.first(name: .contentType)?.hasPrefix("text/css") == true)
            let login = try await client.get("/login")
            #expect(login.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true)
            #expect(login.headers.first(name: "X-Frame-Options") == "DENY")
            #expect(!login.body.string.contains("http://") && !login.body.string.contains("https://"), "no external assets")
            // A loopback client (the forwarded address when behind a trusted proxy) reads the metrics.
            app.settings.trustProxy = true
            let metrics = try await client.get("/metrics", headers: ["X-Forwarded-For": "127.0.0.1"])
            #expect(metrics.status == .ok)
            #expect(metrics.body.string.contains("xiangcun_http_requests_total{method=\"GET\",status=\"200\"}"))
            #expect(metrics.body.string.contains("xiangcun_http_request_duration_seconds_count"))
        }
    }

    /// Every literal key the sources look up — `t("key")` in the pages, `Catalogue.text("key", …)` in
    /// the ledgers and exports of the capability modules — exists in the catalogue.
    @Test func everyMessageKeyUsedInTheSourcesExists() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        #expect(files.count > 10)
        let pattern = try NSRegularExpression(pattern: #"(?:\bt|\bCatalogue\.text)\("([a-zA-Z0-9_.]+)""#)
        var checked = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: 1), in: text) else { continue }
                let key = String(text[range])
                // `t("trace.step." + step)`: a prefix completed at run time; some key must have it.
                if key.hasSuffix(".") {
                    #expect(Catalogue.keys.contains { $0.hasPrefix(key) }, "\(file.lastPathComponent): \(key)…")
                } else {
                    #expect(Catalogue.has(key), "\(file.lastPathComponent): \(key)")
                }
                checked += 1
            }
        }
        #expect(checked > 50)
    }

    @Test func sqliteBackupIsAConsistentCopy() async throws {
        try await withTestApp(.sqlite) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let target = FileManager.default.temporaryDirectory.appendingPathComponent("xc-backup-\(UUID().uuidString).sqlite").path
            try await Storage.backupSQLite(app.db, to: target)
            defer { try? FileManager.default.removeItem(atPath: target) }
            await #expect(throws: StorageError.self) { try await Storage.backupSQLite(app.db, to: target) }
            // Open the copy as a database of its own.
            let copy = try await Application.make(.testing)
            do {
                try Storage.use(.sqlite(path: target), on: copy.databases)
                #expect(try await User.query(on: copy.db).count() == DemoCounty.accounts.count)
                try await copy.asyncShutdown()
            } catch { try? await copy.asyncShutdown(); throw error }
        }
    }
}

/// Keys built at run time (not visible to the source scan) exist in the catalogue too, with a
/// text in both languages.
@Suite("Dynamic message keys")
struct DynamicKeyTests {
    @Test func everyEnumDrivenKeyExists() {
        var keys = Section.allCases.map(\.messageKey) + Role.allCases.map(\.messageKey)
        keys += NarrativeKey.fixed.map { "narrative.\($0)" }
        keys += ProgressStatus.allCases.map { "progress.\($0.rawValue)" }
        keys += DisbursementStatus.allCases.map { "disbursement.\($0.rawValue)" }
        keys += DeadlineStatus.allCases.map { "deadline.\($0.rawValue)" }
        keys += SpendingCategory.allCases.map { "category.\($0.rawValue)" }
        keys += ProgrammeStatus.allCases.map { "programmeStatus.\($0.rawValue)" }
        keys += ProgrammeExport.allCases.map { "export.\($0.rawValue)" }
        keys += AuditAction.allCases.map { "audit.action.\($0.rawValue)" }
        keys += DivisionLevel.allCases.map(\.messageKey)
        keys += TownshipKind.allCases.map(\.messageKey)
        // The service network's enums (pages, ledgers and imports show or parse these texts).
        keys += FacilityType.allCases.map(\.messageKey) + FacilityStatus.allCases.map(\.messageKey)
        keys += StorageKind.allCases.map(\.messageKey) + DefaultService.allCases.map(\.messageKey)
        keys += RecordMetric.allCases.map(\.messageKey) + NetworkIndicator.allCases.map(\.messageKey)
        for key in keys {
            #expect(Catalogue.has(key), "\(key)")
            for language in Language.allCases {
                let text = Catalogue.text(key, language)
                #expect(!text.isEmpty && text != key, "\(key) has no \(language.rawValue) text")
            }
        }
    }
}

/// Times formatted by hand where a formatter per call was a measurable share of a request.
@Suite("Time formatting")
struct TimeFormattingTests {
    static let instants: [Date] = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_625_070_605.9),
                                   Date(timeIntervalSince1970: 1_798_761_599), Date(timeIntervalSince1970: -86_401)]

    @Test(arguments: instants)
    func theLogTimestampIsTheISOFormattersText(_ date: Date) {
        #expect(JSONLogHandler.timestamp(date) == ISO8601DateFormatter().string(from: date))
    }

    @Test(arguments: instants)
    func beijingPatternsMatchTheDateFormatter(_ date: Date) {
        for pattern in ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd", "HH:mm", "yyyyMMdd-HHmm"] {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = Beijing.zone
            f.dateFormat = pattern
            #expect(Beijing.format(date, pattern: pattern) == f.string(from: date), "\(pattern)")
        }
    }
}
