import Foundation
import Testing
import XiangcunKit

@Suite("One rule per field type")
struct FieldRulesTests {
    @Test func namesRefuseControlCharactersAndSayTheLimit() {
        var failure = ValidationFailure()
        #expect(FieldRules.name("  快递收发 ", field: "a", into: &failure) == "快递收发")
        #expect(FieldRules.name("\u{01}\u{02}", field: "b", into: &failure) == nil)
        #expect(FieldRules.name("甲\u{0B}乙", field: "c", into: &failure) == nil)
        #expect(FieldRules.name(String(repeating: "字", count: 101), field: "d", into: &failure) == nil)
        #expect(FieldRules.name("", field: "e", into: &failure) == nil)
        #expect(FieldRules.name("", field: "f", required: false, into: &failure) == nil)
        #expect(failure.fields == ["b": "error.text.control", "c": "error.text.control", "d": "error.text.max|100", "e": "error.required"])
        #expect(Catalogue.text(failure.fields["d"] ?? "", .zh) == "最多 100 字")
        #expect(Catalogue.text(failure.fields["d"] ?? "", .en) == "At most 100 characters")
    }

    @Test func textKeepsLineBreaksOfEveryKindAndRefusesOtherControls() {
        var failure = ValidationFailure()
        #expect(FieldRules.text("第一行\r\n第二行\u{0B}第三行\r第四行", field: "a", into: &failure) == "第一行\n第二行\n第三行\n第四行")
        _ = FieldRules.text("响铃\u{07}", field: "b", into: &failure)
        _ = FieldRules.text(String(repeating: "a", count: 11), field: "c", limit: 10, into: &failure)
        #expect(failure.fields == ["b": "error.text.control", "c": "error.text.max|10"])
    }

    /// The quick paths (nothing to trim, bytes instead of properties, bytes before characters)
    /// decide as the full rules do.
    @Test func quickPathsDecideAsTheFullRules() {
        #expect("\u{3000}站点 ".trimming(.whitespaces) == "站点")
        #expect("站 点".trimming(.whitespaces) == "站 点")
        #expect("".trimming(.whitespaces) == "")
        #expect(" \n ".trimming(.whitespacesAndNewlines) == "")
        // Ends that are spaces outside ASCII are trimmed too; a line break only when asked.
        #expect("\u{00A0}遂昌\u{3000}".trimming(.whitespaces) == "遂昌")
        #expect("湖山\u{2028}".trimming(.whitespaces) == "湖山\u{2028}")
        #expect("湖山\u{2028}".trimming(.whitespacesAndNewlines) == "湖山")
        var failure = ValidationFailure()
        #expect(FieldRules.name("甲\u{85}乙", field: "c1", into: &failure) == nil)
        #expect(FieldRules.name("甲\u{7F}", field: "del", into: &failure) == nil)
        #expect(FieldRules.name("é—“引号”", field: "ok", into: &failure) == "é—“引号”")
        #expect(FieldRules.name(String(repeating: "字", count: 10), field: "cjk", limit: 10, into: &failure) == String(repeating: "字", count: 10))
        #expect(FieldRules.name(String(repeating: "字", count: 11), field: "long", limit: 10, into: &failure) == nil)
        #expect(FieldRules.text("一\u{2028}二", field: "ls", into: &failure) == "一\n二")
        #expect(failure.fields == ["c1": "error.text.control", "del": "error.text.control", "long": "error.text.max|10"])
    }

    @Test func factDaysAreRealAndNotInTheFuture() throws {
        let today = try #require(Day("2026-12-01"))
        var failure = ValidationFailure()
        #expect(FieldRules.factDay("2026-12-01", field: "a", today: today, into: &failure) == today)
        #expect(FieldRules.factDay("2030-01-01", field: "b", today: today, into: &failure) == nil)
        #expect(FieldRules.factDay("2021-02-30", field: "c", today: today, into: &failure) == nil)
        #expect(FieldRules.factDay(" ", field: "d", today: today, into: &failure) == nil)
        #expect(failure.fields == ["b": "error.future", "c": "error.date", "d": "error.required"])
    }

    @Test func countsAndMoneyNameTheirRules() {
        var failure = ValidationFailure()
        #expect(FieldRules.count("2100", field: "a", into: &failure) == 2100)
        for (field, bad) in [("b", "-3"), ("c", "1e3"), ("d", "2.5"), ("e", "99999999999")] { _ = FieldRules.count(bad, field: field, into: &failure) }
        #expect(FieldRules.yuan("1,500,000.00", field: "m", into: &failure)?.fen == 150_000_000)
        _ = FieldRules.yuan("1500000.001", field: "n", into: &failure)
        _ = FieldRules.yuan("0", field: "o", into: &failure)
        _ = FieldRules.yuan("200000000", field: "p", into: &failure)
        #expect(failure.fields["b"] == "error.count|10000000" && failure.fields["c"] == "error.count|10000000")
        #expect(failure.fields["d"] != nil && failure.fields["e"] != nil)
        #expect(failure.fields["n"] == "error.money.yuan" && failure.fields["o"] == "error.amount.positive")
        #expect(Catalogue.text(failure.fields["p"] ?? "", .zh) == "金额不能超过 10000.00 万元")
    }
}
