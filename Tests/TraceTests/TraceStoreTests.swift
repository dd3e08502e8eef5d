import Audit
import FluentKit
import Foundation
import Storage
import TestDatabases
import Testing
import Trace
import TraceCore
import XiangcunKit

/// The traceability store on both engines: demo chain, rules, recall, EPCIS capture.
@Suite("Trace store")
struct TraceStoreTests {
    static let county: DivisionCode = { do { return try DivisionCode("331123000000") } catch { fatalError("constant") } }()
    static let today = Day("2026-01-15") ?? Day(ordinal: 0)

    func demo(_ db: any Database) async throws {
        #expect(try await TraceDemo.load(county: Self.county, producerUser: nil, station: nil, today: Self.today, on: db))
    }

    func batch(_ lot: String, _ db: any Database) async throws -> Batch {
        try #require(try await Batch.query(on: db).filter(\.$lot == lot).first())
    }

    @Test(arguments: Engine.all)
    func demoLoadsOnceAndRecallReachesTwoTransformationsAndTheCase(_ engine: Engine) async throws {
        try await withTestStore(engine) { s in
            try await demo(s.db)
            let batches = try await Batch.query(on: s.db).count()
            #expect(try await TraceDemo.load(county: Self.county, producerUser: nil, station: nil, today: Self.today, on: s.db) == false)
            #expect(try await Batch.query(on: s.db).count() == batches)
            let potato = try await batch("FS2510B", s.db)
            #expect(potato.recalledAt != nil)
            let rows = try await RecallQuery.downstream(of: potato.uri, county: Self.county.value, on: s.db)
            let lots = Set(rows.compactMap(\.lot))
            #expect(lots == ["FS2510B", "SX2511", "LH2512"])
            #expect(rows.contains { $0.kind == .item && $0.uri == DigitalLink.caseURI(county: Self.county.value, code: "CASE-0001") })
            let shipments = rows.filter { $0.kind == .shipment }
            #expect(shipments.count == 2)
            #expect(shipments.contains { TraceEvents.destinationName($0.destination ?? "") == "杭州示例超市" })
            // The honey went into the same gift boxes but is not downstream of the potatoes.
            #expect(!lots.contains("FM2509"))
            // Downstream batches warn; an unrelated one does not.
            let boxes = try await batch("LH2512", s.db)
            #expect(try await RecallQuery.recalledUpstream(of: boxes.uri, county: Self.county.value, on: s.db)?.lot == "FS2510B")
            let honey = try await batch("FM2509", s.db)
            #expect(try await RecallQuery.recalledUpstream(of: honey.uri, county: Self.county.value, on: s.db) == nil)
            let indicators = try await TraceIndicators.all(county: Self.county, day: Self.today, on: s.db)
            #expect(indicators["trace.producers"] == 4)
            #expect(indicators["trace.producersOnPlatformPercent"] == 50)
            #expect(indicators["trace.batches"] == Decimal(batches))
        }
    }

    @Test(arguments: Engine.all)
    func unauthorisedBrandsAreRefusedWithTheReason(_ engine: Engine) async throws {
        try await withTestStore(engine) { s in
            try await demo(s.db)
            let brand = try #require(try await Brand.query(on: s.db).first())
            let grower = try #require(try await Producer.query(on: s.db).filter(\.$kind == "individual").first())
            let potato = try #require(try await Product.query(on: s.db).filter(\.$code == "SC-FS").first())
            var input = BatchService.BatchInput()
            input.productID = potato.id; input.producerID = grower.id; input.lot = "X1"; input.origin = "基地"; input.quantity = "10"; input.brandID = brand.id
            await #expect(throws: ValidationFailure(["brandID": "trace.brand.refused.noGrant"])) {
                try await BatchService.create(input, county: Self.county, actor: .cli("test"), today: Self.today, on: s.db)
            }
            let farm = try #require(try await Producer.query(on: s.db).filter(\.$kind == "familyFarm").first())
            let grant = try #require(try await BrandGrant.query(on: s.db).filter(\.$producerID == farm.requireID()).first())
            try await CatalogueService.revoke(grant, day: Self.today, reason: "抽检不合格", actor: .cli("test"), on: s.db)
            input.producerID = farm.id
            await #expect(throws: ValidationFailure(["brandID": "trace.brand.refused.revoked"])) {
                try await BatchService.create(input, county: Self.county, actor: .cli("test"), today: Self.today, on: s.db)
            }
            input.brandID = nil
            let plain = try await BatchService.create(input, county: Self.county, actor: .cli("test"), today: Self.today, on: s.db)
            #expect(plain.brandID == nil)
        }
    }

    @Test(arguments: Engine.all)
    func harvestInsideTheSafetyIntervalIsRefused(_ engine: Engine) async throws {
        try await withTestStore(engine) { s in
            try await demo(s.db)
            let b = try await batch("FS2510B", s.db)
            _ = try await BatchService.addRecord(to: b, kind: "pesticide", day: "2026-01-05", input: "阿维菌素", intervalDays: "14", note: "",
                                                 actor: .cli("t"), today: Self.today, on: s.db)
            await #expect(throws: ValidationFailure(["day": "trace.error.safetyInterval|阿维菌素|2026-01-05|14|2026-01-19"])) {
                try await BatchService.addRecord(to: b, kind: "harvest", day: "2026-01-12", input: "", intervalDays: "", note: "",
                                                 actor: .cli("t"), today: Self.today, on: s.db)
            }
            // The already harvested batch refuses a spraying whose interval covers its harvest day.
            let a = try await batch("FS2510A", s.db)
            let harvested = try #require(a.harvestedOn.flatMap(Day.init))
            await #expect(throws: ValidationFailure.self) {
                try await BatchService.addRecord(to: a, kind: "pesticide", day: harvested.adding(days: -3).iso, input: "吡虫啉", intervalDays: "7", note: "",
                                                 actor: .cli("t"), today: Self.today, on: s.db)
            }
            #expect(try await ProductionRecord.query(on: s.db).filter(\.$kind == "harvest").count() == 1)
        }
    }

    @Test(arguments: Engine.all)
    func captureIsAllOrNothingAndIgnoresDuplicates(_ engine: Engine) async throws {
        try await withTestStore(engine) { s in
            let events = try EPCISDocument.decode(Data(TraceCoreTests.document.utf8))
            let first = try await TraceEvents.capture(events, county: Self.county.value, on: s.db)
            #expect(first == .init(stored: 2, duplicates: 0))
            let again = try await TraceEvents.capture(events, county: Self.county.value, on: s.db)
            #expect(again == .init(stored: 0, duplicates: 2))
            var filter = TraceEvents.Filter()
            filter.anyEPC = "urn:x:out"
            let (found, total) = try await TraceEvents.query(county: Self.county.value, filter, page: 1, per: 10, on: s.db)
            #expect(total == 2 && found.map(\.eventID).contains("urn:uuid:1"))
            // The exported events read back equal to what was captured.
            let exported = try EPCISDocument.decode(try EPCISDocument.encode(found))
            #expect(exported.first?.json == events.first?.json)
            let rows = try await RecallQuery.downstream(of: "urn:x:in", county: Self.county.value, on: s.db)
            #expect(Set(rows.map(\.uri)) == ["urn:x:in", "urn:x:out", "urn:x:case"])
        }
    }

    @Test(arguments: Engine.all)
    func producerIdentifiersAreCheckedAndMaskedInTheAudit(_ engine: Engine) async throws {
        try await withTestStore(engine) { s in
            var i = CatalogueService.ProducerInput()
            i.kind = "individual"; i.name = "张三"; i.idNumber = "331123198001010011"; i.contactName = "张三"; i.divisionCode = "331123208000"
            await #expect(throws: ValidationFailure(["idNumber": "trace.error.idNumber"])) {
                try await CatalogueService.createProducer(i, county: Self.county, actor: .cli("t"), on: s.db)
            }
            i.idNumber = "331123198001010010"
            _ = try await CatalogueService.createProducer(i, county: Self.county, actor: .cli("t"), on: s.db)
            let entries = try await AuditEntry.query(on: s.db).filter(\.$entity == Producer.schema).all()
            #expect(entries.count == 1)
            #expect(entries.allSatisfy { !($0.newValues ?? "").contains("331123198001010010") })
        }
    }
}
