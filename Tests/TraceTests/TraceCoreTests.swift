import Foundation
import Testing
@testable import TraceCore
import XiangcunKit

@Suite("Trace core")
struct TraceCoreTests {
    /// EPCIS times are read from their bytes; the dates are the formatter's, to the bit.
    @Test(arguments: ["2026-05-01T08:30:00Z", "2026-05-01T08:30:00.123Z", "2026-05-01T08:30:00.5+08:00", "2026-05-01T08:30:00.123456-05:30",
                      "1969-12-31T23:59:59Z", "2024-02-29T00:00:00+14:00"])
    func epcisTimesParseAsTheFormatterDoes(_ text: String) throws {
        let f = ISO8601DateFormatter()
        f.formatOptions = text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        let expected = try #require(f.date(from: text))
        #expect(EPCISTime.internetDateTime(text) == expected)
        #expect(EPCISTime.parse(text) == expected)
    }

    @Test func malformedEPCISTimesAreRefused() {
        for text in ["2026-05-01 08:30:00Z", "2026-05-01T08:30:00", "2026-05-01T24:00:00Z", "2026-02-30T08:30:00Z", "2026-05-01T08:30:00.Z", "x"] {
            #expect(EPCISTime.internetDateTime(text) == nil, "\(text)")
        }
    }

    @Test func gtinCheckDigits() {
        #expect(GTIN.checkDigit(of: "629104150021") == 3)
        #expect(GTIN("6291041500213")?.digits == "06291041500213")
        #expect(GTIN("6291041500214") == nil)
        #expect(GTIN("96385074") != nil)
        #expect(GTIN("12345") == nil)
    }

    @Test func digitalLinkPaths() throws {
        let link = try DigitalLink.parse("/01/06291041500213/10/ABC-1/21/7").get()
        #expect(link.lot == "ABC-1" && link.serial == "7")
        #expect(link.path == "/01/06291041500213/10/ABC-1/21/7")
        #expect(DigitalLink.parse("/01/06291041500214/10/A") == .failure(.badGTIN))
        #expect(try DigitalLink.parse("/t/SC-SX/10/SX1").get().product == .countyCode("SC-SX"))
        #expect(DigitalLink.parse("/01/06291041500213/21/7") == .failure(.notALink))
        #expect(DigitalLink.parse("/01/06291041500213/10/a%20b") == .failure(.badValue("lot")))
    }

    @Test func safetyIntervalRefusesAHarvestInsideIt() throws {
        let sprayed = try #require(Day("2025-09-01"))
        let app = SafetyInterval.Application(pesticide: "吡虫啉", appliedOn: sprayed, intervalDays: 14)
        #expect(SafetyInterval.violations(harvest: try #require(Day("2025-09-14")), [app]) == [app])
        #expect(SafetyInterval.violations(harvest: try #require(Day("2025-09-15")), [app]).isEmpty)
        // A harvest before the spraying is not affected by it.
        #expect(SafetyInterval.violations(harvest: try #require(Day("2025-08-31")), [app]).isEmpty)
    }

    @Test func brandRuleReasons() throws {
        let d = { (s: String) in Day(s) ?? Day(ordinal: 0) }
        let grants = [BrandRule.Grant(producer: "A", product: "P1", from: d("2024-01-01"), to: d("2024-12-31")),
                      BrandRule.Grant(producer: "B", product: nil, from: d("2024-01-01"), to: d("2026-12-31"), revokedOn: d("2025-03-01"))]
        #expect(BrandRule.check(producer: "A", product: "P1", on: d("2024-06-01"), grants: grants) == nil)
        #expect(BrandRule.check(producer: "A", product: "P2", on: d("2024-06-01"), grants: grants) == .otherProduct)
        #expect(BrandRule.check(producer: "A", product: "P1", on: d("2025-01-01"), grants: grants) == .expired)
        #expect(BrandRule.check(producer: "A", product: "P1", on: d("2023-01-01"), grants: grants) == .notYet)
        #expect(BrandRule.check(producer: "B", product: "X", on: d("2025-03-01"), grants: grants) == .revoked)
        #expect(BrandRule.check(producer: "B", product: "X", on: d("2025-02-28"), grants: grants) == nil)
        #expect(BrandRule.check(producer: "C", product: "X", on: d("2025-02-28"), grants: grants) == .noGrant)
    }

    static let document = """
    {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",{"ex":"http://ns.example.com/epcis/"}],
     "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2025-01-01T00:00:00Z","epcisBody":{"eventList":[
      {"type":"TransformationEvent","eventID":"urn:uuid:1","eventTime":"2025-01-02T10:00:00.000+08:00","eventTimeZoneOffset":"+08:00",
       "inputQuantityList":[{"epcClass":"urn:x:in","quantity":10,"uom":"KGM"}],"outputQuantityList":[{"epcClass":"urn:x:out","quantity":4}],
       "bizStep":"https://ref.gs1.org/cbv/BizStep-commissioning","ex:myField":"kept"},
      {"type":"AggregationEvent","eventTime":"2025-01-03T10:00:00Z","eventTimeZoneOffset":"+00:00","action":"ADD","parentID":"urn:x:case",
       "childQuantityList":[{"epcClass":"urn:x:out","quantity":2}]}]}}
    """

    @Test func epcisDocumentRoundTrip() throws {
        let events = try EPCISDocument.decode(Data(Self.document.utf8))
        #expect(events.count == 2)
        #expect(events[0].bizStep == "commissioning")
        #expect(events[0].links == [TraceLink(from: "urn:x:in", to: "urn:x:out", kind: .transformation)])
        #expect(events[1].links == [TraceLink(from: "urn:x:out", to: "urn:x:case", kind: .aggregation)])
        #expect(events[1].eventID.hasPrefix("urn:uuid:"))
        let again = try EPCISDocument.decode(try EPCISDocument.encode(events))
        #expect(again == events)
        #expect(again[0].json["ex:myField"] == .string("kept"))
    }

    @Test func epcisRefusalsNameTheField() {
        let bad = Self.document.replacingOccurrences(of: "\"action\":\"ADD\",", with: "")
        #expect(throws: EPCISError.event(1, .field("action", "must be ADD, OBSERVE or DELETE"))) { try EPCISDocument.decode(Data(bad.utf8)) }
        #expect(throws: EPCISError.field("document", "not a JSON object")) { try EPCISDocument.decode(Data("[1]".utf8)) }
    }

    @Test func labelSheetEscapes() {
        let html = LabelSheet.html(title: "t", labels: [.init(url: "https://x/t/A/10/B", product: "<薯条>", lot: "B", brand: nil, producer: "农场")]) { "<svg data-u=\"\($0)\"></svg>" }
        #expect(html.contains("&lt;薯条&gt;"))
        #expect(html.contains("data-u=\"https://x/t/A/10/B\""))
    }
}
