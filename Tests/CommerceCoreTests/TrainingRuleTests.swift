import CommerceCore
import Foundation
import NetworkCore
import Testing
import XiangcunKit

/// The programme's counting rules for training, the conversion rate and the sign-in sheet checks.
@Suite("Training rules")
struct TrainingRuleTests {
    static func id(_ body: String) -> String { body + String(Identifiers.idNumberCheck(body) ?? "?") }
    let a = TrainingRuleTests.id("33112319900101001")
    let b = TrainingRuleTests.id("33112319920202002")
    let s1 = UUID(), s2 = UUID()

    @Test func onePersonAtTwoSessionsIsTwoPersonTimesOnePerson() {
        let facts = [AttendanceFact(session: s1, kind: .basic, person: a, township: "331123100000", groups: [.woman]),
                     AttendanceFact(session: s2, kind: .advanced, person: a, township: "331123100000", groups: [.woman])]
        let tally = TrainingTally(facts: facts, sessions: [(s1, .basic), (s2, .advanced)])
        #expect(tally.total == TrainingFigure(personTimes: 2, people: 1))
        #expect(tally.byGroup[.woman] == TrainingFigure(personTimes: 2, people: 1))
        #expect(tally.byTownship["331123100000"] == TrainingFigure(personTimes: 2, people: 1))
        #expect(tally.sessionsByKind[.basic] == 1 && tally.sessionsByKind[.advanced] == 1)
        #expect(tally.byGroup[.veteran] == nil)
    }

    @Test func signingTwiceAtOneSessionCountsOnceAndCaseDoesNotMakeANewPerson() {
        let x = TrainingRuleTests.id("11010519491231002")
        #expect(x.hasSuffix("X"))
        let facts = [AttendanceFact(session: s1, kind: .basic, person: x, township: nil, groups: []),
                     AttendanceFact(session: s1, kind: .basic, person: x.lowercased(), township: nil, groups: []),
                     AttendanceFact(session: s1, kind: .basic, person: b, township: nil, groups: [])]
        let tally = TrainingTally(facts: facts, sessions: [(s1, .basic), (s1, .basic)])
        #expect(tally.total == TrainingFigure(personTimes: 2, people: 2))
        #expect(tally.sessions == 1)
        #expect(tally.byTownship.isEmpty)
    }

    @Test func conversionRateIsConvertedTrainedPeopleOverPeopleTrained() {
        let trained = Set((1...300).map { TrainingRuleTests.id(String(format: "331123199001%05d", $0)) })
        let converted = Set(trained.sorted().prefix(4)).union([TrainingRuleTests.id("33112319990101999")]) // one never trained
        #expect(ConversionRate.percent(converted: converted, trained: trained) == Decimal(string: "1.33")) // 4/300 = 1.333…
        #expect(ConversionRate.meets(ConversionRate.percent(converted: converted, trained: trained), target: 1))
        #expect(!ConversionRate.meets(ConversionRate.percent(converted: [], trained: trained), target: 1))
        #expect(ConversionRate.percent(converted: converted, trained: []) == nil)
        #expect(ConversionRate.rounded(Decimal(string: "2.675")!) == Decimal(string: "2.68"))
    }

    static func file(_ rows: [[String]]) throws(ImportFailed) -> TabularFile {
        try TabularFile.read(Data(rows.map { $0.joined(separator: ",") }.joined(separator: "\n").utf8))
    }

    let context = SignInSheet.Context(townships: ["妙高街道": "331123001000", "大柘镇": "331123105000"], knownNames: [:])

    @Test func aGoodSheetIsCheckedWithGroupsAndTownships() throws {
        let rows = try SignInSheet.check(try Self.file([["姓名", "身份证号", "手机号", "乡镇", "村", "群体"],
                                                        ["王丽", a.lowercased(), "13800001111", "妙高街道", "东街村", "妇女、返乡创业人员"],
                                                        ["李强", b, "", "", "", ""]]), context: context)
        #expect(rows.count == 2)
        #expect(rows[0].idNumber == a && rows[0].townshipCode == "331123001000" && rows[0].groups == [.returnee, .woman])
        #expect(rows[1].phone == nil && rows[1].townshipCode == nil)
    }

    @Test func badRowsAreRejectedWithRowAndColumn() throws {
        let wrongCheck = String(a.dropLast()) + (a.hasSuffix("1") ? "2" : "1")
        do {
            _ = try SignInSheet.check(try Self.file([["姓名", "身份证号", "手机号", "乡镇", "群体"],
                                                     ["王丽", wrongCheck, "1380000", "火星镇", "外星人"],
                                                     ["李强", b, "", "", ""],
                                                     ["李四", b, "", "", ""],
                                                     ["李强", b, "", "", ""]]), context: context)
            Issue.record("a bad sheet was accepted")
        } catch {
            let issues = error.issues.map { "\($0.row)\($0.column ?? "-"):\($0.key)" }
            #expect(issues.contains("2B:training.error.idNumber"))
            #expect(issues.contains("2C:training.error.phone"))
            #expect(issues.contains("2D:training.error.township"))
            #expect(issues.contains("2E:training.error.group"))
            #expect(issues.contains("4B:training.error.idTwoNamesRow")) // one ID number, two names
            #expect(issues.contains("5B:training.error.duplicate"))
            #expect(!issues.contains { $0.hasPrefix("3") })
            #expect(error.issues.first { $0.row == 4 }?.text(.zh).contains("第 4 行 B 列") == true)
        }
    }

    @Test func anIDNumberKnownUnderAnotherNameIsAnError() throws {
        let known = SignInSheet.Context(townships: [:], knownNames: [a: "王丽"])
        var problems: [(String, String, [String])] = []
        #expect(SignInSheet.check(AttendeeInput(name: "王莉", idNumber: a), row: 1, context: known, problems: &problems) == nil)
        #expect(problems.first?.0 == "idNumber" && problems.first?.1 == "training.error.idTwoNames" && problems.first?.2 == ["王丽"])
        problems = []
        #expect(SignInSheet.check(AttendeeInput(name: "王丽", idNumber: a), row: 1, context: known, problems: &problems) != nil)
    }

    @Test func aSheetWithoutTheIDColumnIsRefusedAtTheHeader() throws {
        #expect(throws: ImportFailed.self) { try SignInSheet.check(try Self.file([["姓名", "电话"], ["王丽", "13800001111"]]), context: context) }
    }

    @Test func tiersAnchorsAndCentres() {
        let tiers = SalesTier.counts([Money(fen: 1_000_000_000), Money(fen: 499_999_999), Money(fen: 300_000_000), Money(fen: 99_999_999)])
        #expect(tiers[.tenMillion] == 1 && tiers[.fiveMillion] == 1 && tiers[.threeMillion] == 3 && tiers[.oneMillion] == 3)
        let d1 = Day.of(2021, 3, 1), d2 = Day.of(2021, 9, 1)
        let latest = AnchorRules.latest([(anchor: 1, day: d1, followers: 120_000), (anchor: 1, day: d2, followers: 90_000), (anchor: 2, day: d2, followers: 100_000)], asOf: d2)
        #expect(latest == [1: 90_000, 2: 100_000])
        #expect(AnchorRules.countAtThreshold(latest) == 1)
        #expect(AnchorRules.countAtThreshold(AnchorRules.latest([(anchor: 1, day: d1, followers: 120_000), (anchor: 1, day: d2, followers: 90_000)], asOf: d1)) == 1)
        #expect(CommerceCentreStandard.meets(area: 2000, sku: 6000, population: 20000))
        #expect(!CommerceCentreStandard.meets(area: 1200, sku: 3200, population: 18000))
        #expect(HelpSale.amount(quantity: 5300, unitPrice: Money(fen: 250)) == Money(fen: 1_325_000))
        #expect(RecognitionStatus.candidate.canMove(to: .declared) && !RecognitionStatus.candidate.canMove(to: .recognised))
    }
}
