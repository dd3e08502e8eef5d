import Audit
import Composition
import FluentKit
import Foundation
import TestDatabases
import Testing
import Trace
import TraceCore
import Vapor
import VaporTesting
import XiangcunKit
@testable import Web

/// 农产品与追溯 through HTTP on both engines: the public resolver and trace page, roles and
/// scoping, brand refusals on the form, labels read back by zbar, EPCIS capture and query.
@Suite("Trace app")
struct TraceAppTests {
    func batch(_ lot: String, _ app: Application) async throws -> Batch {
        try #require(try await Batch.query(on: app.db).filter(\.$lot == lot).first())
    }

    @Test(arguments: Engine.all)
    func publicPageResolvesWarnsAndHidesPersonalData(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let client = TestClient(app)
            let boxes = try await client.get("/t/SC-LH/10/LH2512")
            #expect(boxes.status == .ok)
            let html = boxes.body.string
            let warning = try #require(html.range(of: "FS2510B"))
            #expect(warning.lowerBound < (html.range(of: "<h1>")?.lowerBound ?? html.startIndex))
            #expect(!html.contains("<script"))
            for secret in ["1390000000", "92331123MA2A00003F", "331123198001010010"] { #expect(!html.contains(secret)) }
            #expect(boxes.headers.first(name: "Content-Security-Policy")?.contains("style-src 'sha256-") == true)
            // The individual grower is shown by kind, never by name.
            let potato = try await client.get("/t/SC-FS/10/FS2510B").body.string
            #expect(potato.contains("个体种植户") && !potato.contains("王某"))
            #expect(try await client.get("/01/06920000000013/10/ZZ2601").status == .badRequest)
            #expect(try await client.get("/01/06920000000012/10/ZZ2601/21/999").body.string.contains("ZZ2601"))
            #expect(try await client.get("/01/06920000000012/10/NOSUCH").body.string.contains("未找到该批次"))
            #expect(try await client.get("/01/06920000000029").status == .ok)
            #expect(try await client.get("/01/09506000134352/10/A").status == .notFound)
            let linkset = try await client.get("/01/06920000000012/10/ZZ2601?linkType=all")
            #expect(linkset.headers.first(name: .contentType) == "application/linkset+json")
            #expect(linkset.body.string.contains("\"anchor\""))
            let zz = try await batch("ZZ2601", app)
            try await app.publicTraceCache.flushScans(on: app.db)
            let scans = try await ScanCount.query(on: app.db).filter(\.$batchID == zz.requireID()).all().map(\.count).reduce(0, +)
            // One scan: the serial that walked up to the lot (the bad GTIN and the linkset are not views).
            #expect(scans == 1)
        }
    }

    @Test(arguments: Engine.all)
    func producersSeeOnlyTheirOwnAndInspectorsInspect(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let zz = try await batch("ZZ2601", app), chips = try await batch("SX2511", app)
            let producer = TestClient(app)
            try await producer.login("producer")
            let list = try await producer.get("/products/batches").body.string
            #expect(list.contains("SX2511") && !list.contains("ZZ2601"))
            #expect(try await producer.get("/products/batches/\(zz.requireID())").status == .notFound)
            #expect(try await producer.get("/products/catalogue").status == .forbidden)
            _ = try await producer.get("/products/batches/\(chips.requireID())")
            #expect(try await producer.post("/products/batches/\(chips.requireID())/inspections", ["day": "2025-01-01", "item": "x", "passed": "yes"]).status == .forbidden)
            let recorded = try await producer.post("/products/batches/\(chips.requireID())/records", ["kind": "fertiliser", "day": "2025-01-01", "input": "有机肥"])
            #expect(recorded.status == .seeOther)
            let inspector = TestClient(app)
            try await inspector.login("inspector")
            _ = try await inspector.get("/products/batches/\(zz.requireID())")
            let inspected = try await inspector.post("/products/batches/\(zz.requireID())/inspections", ["day": "2025-01-01", "item": "菌落总数", "passed": "yes"])
            #expect(inspected.status == .seeOther)
            #expect(try await Inspection.query(on: app.db).filter(\.$batchID == zz.requireID()).count() == 1)
            // Another county's batch id is simply not found.
            let admin = TestClient(app)
            try await admin.login("suichang")
            #expect(try await admin.get("/products/batches/\(UUID())").status == .notFound)
            let page = try await admin.get("/products/producers").body.string
            #expect(!page.contains("13900000001") && page.contains("139****0001"))
            // The whole phone on the producer's own page, for the county only, and audited.
            let owner = try #require(try await Producer.query(on: app.db).filter(\.$kind == "enterprise").first())
            #expect(try await admin.get("/products/producers/\(owner.requireID())").body.string.contains("13900000001"))
            #expect(try await !inspector.get("/products/producers/\(owner.requireID())").body.string.contains("13900000001"))
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "view").count() == 1)
        }
    }

    @Test(arguments: Engine.all)
    func unauthorisedBrandIsRefusedOnTheForm(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let grower = try #require(try await Producer.query(on: app.db).filter(\.$kind == "individual").first())
            let product = try #require(try await Product.query(on: app.db).filter(\.$code == "SC-FS").first())
            let brand = try #require(try await Brand.query(on: app.db).first())
            let admin = TestClient(app)
            try await admin.login("suichang")
            _ = try await admin.get("/products/batches")
            let refused = try await admin.post("/products/batches", ["productID": try product.requireID().uuidString, "producerID": try grower.requireID().uuidString,
                                                                     "lot": "NEW1", "origin": "基地", "quantity": "10", "uom": "KGM", "brandID": try brand.requireID().uuidString])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("该生产主体未获该品牌授权"))
            #expect(try await Batch.query(on: app.db).filter(\.$lot == "NEW1").count() == 0)
        }
    }

    @Test(arguments: Engine.all)
    func labelQRCodesReadBackWithZbar(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let chips = try await batch("SX2511", app)
            let admin = TestClient(app)
            try await admin.login("suichang")
            let sheet = try await admin.get("/products/batches/\(chips.requireID())/labels?count=2", headers: ["Host": "trace.suichang.example"])
            #expect(sheet.status == .ok)
            let svgs = sheet.body.string.components(separatedBy: "<svg").dropFirst().map { "<svg" + $0 }
            #expect(svgs.count == 2)
            let decoded = try SVGQR.decode(try #require(svgs.first))
            #expect(decoded == "https://trace.suichang.example/t/SC-SX/10/SX2511/21/1")
        }
    }

    @Test(arguments: Engine.all)
    func epcisCaptureQueryAndDuplicates(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let admin = TestClient(app)
            try await admin.login("suichang")
            _ = try await admin.get("/products")
            let token = try #require(admin.lastCSRF)
            var headers = HTTPHeaders([("X-CSRF-Token", token)])
            headers.contentType = .json
            let doc = ByteBuffer(string: EPCISFixture.document)
            let first = try await admin.send(.POST, "/api/v1/trace/epcis/capture", headers: headers, body: doc)
            #expect(first.status == .created)
            #expect(first.body.string.contains("\"stored\":2"))
            let again = try await admin.send(.POST, "/api/v1/trace/epcis/capture", headers: headers, body: doc)
            #expect(again.body.string.contains("\"duplicates\":2"))
            let bad = try await admin.send(.POST, "/api/v1/trace/epcis/capture", headers: headers,
                                           body: ByteBuffer(string: EPCISFixture.document.replacingOccurrences(of: "\"action\":\"ADD\",", with: "")))
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("eventList[1].action"))
            let query = try await admin.get("/api/v1/trace/epcis/events?MATCH_anyEPC=urn:x:out&perPage=10")
            #expect(query.headers.first(name: "X-Total-Count") == "2")
            let events = try EPCISDocument.decode(Data(query.body.string.utf8))
            #expect(events.map(\.eventID).contains("urn:uuid:fixture-1"))
            #expect(try await admin.get("/api/v1/trace/epcis/events?GE_eventTime=yesterday").status == .badRequest)
        }
    }
}

enum EPCISFixture {
    static let document = """
    {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0",
     "creationDate":"2025-01-01T00:00:00Z","epcisBody":{"eventList":[
      {"type":"TransformationEvent","eventID":"urn:uuid:fixture-1","eventTime":"2025-01-02T10:00:00Z","eventTimeZoneOffset":"+08:00",
       "inputQuantityList":[{"epcClass":"urn:x:in","quantity":10,"uom":"KGM"}],"outputQuantityList":[{"epcClass":"urn:x:out","quantity":4}]},
      {"type":"AggregationEvent","eventID":"urn:uuid:fixture-2","eventTime":"2025-01-03T10:00:00Z","eventTimeZoneOffset":"+08:00","action":"ADD",
       "parentID":"urn:x:case","childQuantityList":[{"epcClass":"urn:x:out","quantity":2}]}]}}
    """
}

/// Reads a label's QR code as printed: rasterises the SVG's module rectangles to a PGM image
/// and decodes it with zbarimg (zbar-tools), an independent reader.
enum SVGQR {
    static func decode(_ svg: String, scale: Int = 4) throws -> String? {
        guard let box = svg.range(of: "viewBox=\"0 0 "), let end = svg[box.upperBound...].firstIndex(of: " "),
              let side = Int(svg[box.upperBound..<end]), let d = svg.range(of: " d=\"") else { return nil }
        let path = svg[d.upperBound...].prefix { $0 != "\"" }
        var dark = Set<Int>()
        for part in path.split(separator: "M") {
            let nums = part.split(whereSeparator: { "hvz ".contains($0) }).compactMap { Int($0) }
            guard nums.count >= 3 else { continue }
            for x in nums[0]..<(nums[0] + nums[2]) { dark.insert(nums[1] * side + x) }
        }
        let px = side * scale
        var pixels = [UInt8](repeating: 255, count: px * px)
        for i in 0..<(px * px) where dark.contains((i / px / scale) * side + (i % px) / scale) { pixels[i] = 0 }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("label-\(UUID().uuidString).pgm")
        try (Data("P5\n\(px) \(px)\n255\n".utf8) + Data(pixels)).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        process.arguments = ["--raw", "-q", file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
    }
}
