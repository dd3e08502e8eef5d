import Foundation
import LogisticsCore
import Testing
import XiangcunKit

@Suite struct LogisticsCoreTests {
    @Test func patternsSuggestAndFlagButNeverReassign() {
        let matcher = CarrierMatcher(CarrierSpec.defaults)
        #expect(matcher.suggest("SF1234567890123") == ["sf"])
        #expect(!matcher.mismatch("SF1234567890123", declared: "sf"))
        #expect(matcher.mismatch("SF1234567890123", declared: "zto"))
        // No pattern matches: nothing to flag.
        #expect(!matcher.mismatch("ABC-1", declared: "zto"))
    }

    /// The fast paths (declared pattern first; plain ASCII without trimming) answer exactly as
    /// the full checks: every carrier's pattern against every carrier declared.
    @Test func mismatchAgreesWithTheSuggestions() {
        let matcher = CarrierMatcher(CarrierSpec.defaults)
        let waybills = ["SF1234567890123", "JT1234567890123", "773012345678901", "YT1234567890123", "1234567890123", "ABC-1", "9812345678901"]
        for w in waybills {
            let suggested = matcher.suggest(w)
            for c in CarrierSpec.defaults.map(\.code) + ["own"] {
                #expect(matcher.mismatch(w, declared: c) == (!suggested.isEmpty && !suggested.contains(c)), "\(w) \(c)")
            }
        }
    }

    @Test func waybillsAreNormalisedTheSameOnEveryPath() {
        #expect(ParcelRules.waybill("sf1234567890123") == "SF1234567890123")
        #expect(ParcelRules.waybill("SF1234567890123") == "SF1234567890123")
        #expect(ParcelRules.waybill("\tsf12345678\n") == "SF12345678")
        #expect(ParcelRules.waybill("\u{3000}SF12345678\u{3000}") == "SF12345678")
        #expect(ParcelRules.waybill("SF 12345678") == nil)
        #expect(ParcelRules.waybill("SF_12345678") == nil)
        #expect(ParcelRules.waybill("顺丰12345678") == nil)
        #expect(ParcelRules.waybill("12345") == nil)
    }

    @Test func parcelChecksNameTheField() throws {
        let county = try DivisionCode("331123000000")
        let bad = ParcelInput(waybill: "x", carrier: "nope", villageCode: "110101001001", recipientPhone: "12")
        guard case .failure(let f) = ParcelRules.check(bad, carriers: ["sf"], county: county) else { Issue.record("accepted"); return }
        #expect(f.fields["waybill"] == "logistics.error.waybill")
        #expect(f.fields["carrier"] == "logistics.error.carrier")
        #expect(f.fields["villageCode"] == "logistics.error.village")
        #expect(f.fields["recipientPhone"] == "logistics.error.phone")
        let good = ParcelInput(waybill: " sf1234567890123 ", carrier: "SF", address: "湖山乡湖山村", recipientName: "张三", recipientPhone: "13812345678", weightGrams: 800)
        guard case .success(let r) = ParcelRules.check(good, carriers: ["sf"], county: county) else { Issue.record("refused"); return }
        #expect(r.waybill == "SF1234567890123" && r.carrier == "sf" && r.phoneLast4 == "5678")
        // The last four digits, whatever separates them.
        var spaced = r
        spaced.recipientPhone = "+86 138-1234-50 7 9"
        #expect(spaced.phoneLast4 == "5079")
    }

    @Test func sortingByCodeThenAliasThenVillageName() {
        let a = UUID(), b = UUID(), c = UUID()
        let plan = SortingPlan(stationOfVillage: ["331123204201": a, "331123103201": b, "331123105201": c],
                               villagesNamed: ["湖山村": ["331123204201"], "新村": ["331123103201", "331123105201"]],
                               townshipsNamed: ["湖山乡": "331123204000", "王村口镇": "331123103000", "大柘镇": "331123105000"],
                               aliases: ["湖山水库": c])
        #expect(plan.station(villageCode: "331123204201", address: "") == a)
        #expect(plan.station(villageCode: nil, address: "浙江 遂昌 湖山村 12号") == a)
        #expect(plan.station(villageCode: nil, address: "湖山水库管理所") == c)
        // Two villages named 新村: the township decides; without it the parcel is an exception.
        #expect(plan.station(villageCode: nil, address: "王村口镇新村") == b)
        #expect(plan.station(villageCode: nil, address: "新村5号") == nil)
        #expect(plan.station(villageCode: nil, address: "杭州市西湖区") == nil)
        #expect(SortingPlan.shortName("湖山村村民委员会") == "湖山村")
        #expect(SortingPlan.normalised("ＡＢ １") == "AB1")
    }

    @Test func transitPercentiles() {
        let h = TransitHistogram([10, 50, 30, 5, 3, 2])
        #expect(h.median == 1)
        #expect(h.p90 == 2)
        #expect(h.withinTwoDaysBasisPoints == 9000)
        #expect(TransitHistogram().median == nil)
    }

    @Test func pickupCodesAreSixDigits() {
        let codes = (0..<100).map { PickupCode.make(seed: UInt64($0)) }
        #expect(codes.allSatisfy(PickupCode.isWellFormed))
        #expect(Set(codes).count > 95)
    }
}
