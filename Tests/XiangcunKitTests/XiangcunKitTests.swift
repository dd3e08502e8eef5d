import Foundation
import Testing
@testable import XiangcunKit

@Suite("Division codes")
struct DivisionCodeTests {
    @Test func levelsParentsAndKinds() throws {
        let village = try DivisionCode("331123102201")
        #expect(village.level == .village)
        #expect(village.parent?.value == "331123102000")
        #expect(village.county?.value == "331123000000")
        #expect(try DivisionCode("331123").level == .county)
        #expect(try DivisionCode("3311").level == .city)
        #expect(try DivisionCode("33").level == .province)
        #expect(try DivisionCode("33").parent == nil)
        #expect(try DivisionCode("331123001").townshipKind == .street)
        #expect(try DivisionCode("331123102").townshipKind == .town)
        #expect(try DivisionCode("331123201").townshipKind == .township)
        #expect(try DivisionCode("331123400").townshipKind == .other)
        #expect(try DivisionCode("331123102").short == "331123102")
        #expect(village.isWithin(try DivisionCode("331123")))
        #expect(!village.isWithin(try DivisionCode("331124")))
    }

    @Test(arguments: ["", "33112", "3311231022011", "99", "33x123", "330012000000", " "])
    func invalidCodesAreRejected(_ text: String) {
        #expect(throws: DivisionCodeError.self) { try DivisionCode(text) }
    }
}

@Suite("Money and rates")
struct MoneyTests {
    @Test func parsesAndFormatsExactly() throws {
        #expect(try Money(wanYuan: "1910").fen == 1_910_000_000)
        #expect(try Money(wanYuan: "955.00").wanYuanText == "955.00")
        #expect(try Money(yuan: "1,234.5").yuanText == "1234.50")
        #expect(try Money(yuan: "-0.01").fen == -1)
        #expect(try Money(wanYuan: "0.123456").fen == 123_456)
        #expect(Money(fen: 12_345).wanYuanText == "0.01") // 123.45 yuan = 0.012345 万元 → 0.01
        #expect(Money(fen: 50_000).wanYuanText == "0.05")
        #expect(Money(fen: 5_000).wanYuanText == "0.01", "0.005 万元 rounds half-up")
        #expect(Money(fen: 4_999).wanYuanText == "0.00")
        #expect(throws: MoneyError.self) { try Money(yuan: "1.234") }
        #expect(throws: MoneyError.self) { try Money(yuan: "abc") }
        #expect(throws: MoneyError.self) { try Money(yuan: "") }
        #expect(throws: MoneyError.self) { try Money(yuan: "1.2.3") }
    }

    @Test func ratesRoundHalfUpToHundredthsOfAPercent() {
        #expect(Rate(955, of: 1910)?.percentText == "50.00%")
        #expect(Rate(1, of: 3)?.percentText == "33.33%")
        #expect(Rate(2, of: 3)?.percentText == "66.67%")
        #expect(Rate(1, of: 0) == nil)
        #expect(Rate(150, of: 100)?.capped().percentText == "100.00%")
    }
}

@Suite("Identifiers")
struct IdentifierTests {
    @Test func idNumbersUseTheGB11643Checksum() {
        #expect(Identifiers.isValidIDNumber("11010519491231002X"))
        #expect(!Identifiers.isValidIDNumber("110105194912310021"))
        #expect(!Identifiers.isValidIDNumber("1101051949123100"))
        #expect(Identifiers.maskIDNumber("11010519491231002X") == "1101**********002X")
        #expect(Identifiers.maskPhone("13812345678") == "138****5678")
    }

    @Test func creditCodesUseTheGB32100Checksum() {
        #expect(Identifiers.isValidCreditCode("91350100M000100Y43"))
        #expect(!Identifiers.isValidCreditCode("91350100M000100Y44"))
        #expect(Identifiers.hasCreditCodeShape("91350100M000100Y44"))
        #expect(!Identifiers.hasCreditCodeShape("91350100M000100YI4"))
    }
}

@Suite("Message catalogue")
struct CatalogueTests {
    @Test func everyEntryHasBothLanguagesWithTheSamePlaceholders() {
        for key in Catalogue.keys {
            let zh = Catalogue.text(key, .zh), en = Catalogue.text(key, .en)
            #expect(!zh.isEmpty && !en.isEmpty, "\(key)")
            for i in 0..<5 { #expect(zh.contains("{\(i)}") == en.contains("{\(i)}"), "\(key) placeholder {\(i)}") }
        }
        #expect(Catalogue.text("home.welcome", .zh, ["张三", "站长"]) == "您好，张三（站长）")
        #expect(Catalogue.text("no.such.key", .en) == "no.such.key")
    }
}

@Suite("Days")
struct DayTests {
    @Test func parsesFormatsAndCounts() throws {
        let d = try #require(Day("2021-06-30"))
        #expect(Day("2021年6月30日") == d)
        #expect(Day("2021/6/30") == d)
        #expect(Day("2021-02-29") == nil)
        #expect(Day("2020-02-29") != nil)
        #expect(Day("garbage") == nil)
        #expect(d.chinese == "2021年6月30日")
        #expect(d.adding(days: 1).iso == "2021-07-01")
        #expect(try #require(Day("2021-12-31")).days(until: try #require(Day("2022-01-01"))) == 1)
        #expect(Day(ordinal: 0).iso == "1970-01-01")
        #expect(Day.of(2026, 3, 4).iso == "2026-03-04")
        #expect(Month(year: 2026, month: 9).text == "2026-09")
        #expect(Month(year: 2026, month: 12).text == "2026-12")
        for ordinal in stride(from: -1000, to: 30000, by: 37) { #expect(Day(ordinal: ordinal).ordinal == ordinal) }
        // 2021-06-30 16:30 UTC is already 07-01 in Beijing.
        #expect(Day.today(now: Date(timeIntervalSince1970: 1_625_070_600)).iso == "2021-07-01")
    }

    /// "yyyy-MM-dd" is read from its bytes; what it does not take still goes to the general parser.
    @Test func theISOFastPathAgreesWithTheGeneralParser() throws {
        #expect(Day("2026-12-01") == Day(year: 2026, month: 12, day: 1))
        #expect(Day("2026-13-01") == nil)
        #expect(Day("2026-02-30") == nil)
        #expect(Day("2026-1-05") == Day(year: 2026, month: 1, day: 5))
        #expect(Day(" 2026-01-05") == Day(year: 2026, month: 1, day: 5))
        #expect(Day("2026-0a-05") == nil)
    }

    @Test func splitsAnInstantIntoDayAndClock() {
        // 2021-06-30 16:30:05 UTC: 2021-07-01 00:30:05 in Beijing.
        let instant = Date(timeIntervalSince1970: 1_625_070_605)
        let (utc, second) = Day.split(instant, offsetSeconds: 0)
        #expect(utc.iso + " " + Day.clock(second) == "2021-06-30 16:30:05")
        let (beijing, local) = Day.split(instant, offsetSeconds: 8 * 3600)
        #expect(beijing.iso + " " + Day.clock(local, seconds: false) == "2021-07-01 00:30")
        // Before 1970 the day still starts at midnight.
        let (early, s) = Day.split(Date(timeIntervalSince1970: -1), offsetSeconds: 0)
        #expect(early.iso + " " + Day.clock(s) == "1969-12-31 23:59:59")
    }
}
