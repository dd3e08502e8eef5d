import Foundation
import Testing
import XiangcunKit
@testable import NetworkCore

/// Coverage, reporting and plausibility rules as pure functions (no database).
@Suite("Network rules")
struct NetworkRuleTests {
    let t1 = TownshipRef(code: "331123102000", name: "新路湾镇")
    let t2 = TownshipRef(code: "331123103000", name: "北界镇")
    let villages = [
        VillageRef(code: "331123102201", name: "甲村", urbanRuralClass: "220"),
        VillageRef(code: "331123102202", name: "乙村", urbanRuralClass: "210"),
        VillageRef(code: "331123102203", name: "丙村", urbanRuralClass: nil),
        VillageRef(code: "331123102001", name: "某社区", urbanRuralClass: "111"),
        VillageRef(code: "331123103201", name: "丁村", urbanRuralClass: "220"),
    ]

    func d(_ s: String) -> Day {
        guard let day = Day(s) else { Issue.record("not a date: \(s)"); return .today() }
        return day
    }

    func station(_ village: String, served: Set<String> = [], _ events: [(String, FacilityStatus)]) -> FacilitySnapshot {
        FacilitySnapshot(name: village, type: .villageStation, division: village, served: served, history: events.map { StatusEvent(d($0.0), $0.1) })
    }

    @Test func excelDateSerialsInLedgersAreCalendarDays() {
        #expect(FacilityValidator.excelDay("44378") == Day("2021-07-01"))
        #expect(FacilityValidator.excelDay(" 45351 ") == Day("2024-02-29"))
        #expect(FacilityValidator.excelDay("123") == nil)
        #expect(Month(year: 2024, month: 2).length == 29 && Month(year: 2100, month: 2).length == 28)
    }

    @Test func servedListsAndFlagsAreReadAsOfTheDay() {
        let f = FacilitySnapshot(id: UUID(), name: "甲站", type: .villageStation, division: "331123102201",
                                 servedPeriods: [ServedPeriod("331123102202", until: d("2023-06-01")),
                                                 ServedPeriod("331123102203", from: d("2023-06-01"))],
                                 history: [StatusEvent(d("2021-01-01"), .operating)],
                                 flagHistory: [FlagEvent(nil, signage: false, demonstration: true),
                                               FlagEvent(d("2023-03-01"), signage: true, demonstration: true),
                                               FlagEvent(d("2024-01-01"), signage: true, demonstration: false)])
        #expect(f.servedUnits(asOf: d("2023-05-31")) == ["331123102201", "331123102202"])
        #expect(f.servedUnits(asOf: d("2023-06-01")) == ["331123102201", "331123102203"])
        #expect(f.flags(asOf: d("2022-01-01")) == (signage: false, demonstration: true))
        #expect(f.flags(asOf: d("2023-03-01")) == (signage: true, demonstration: true))
        #expect(f.flags(asOf: d("2024-06-01")) == (signage: true, demonstration: false))
        func report(_ day: String) -> CoverageReport {
            CoverageRules.compute(CoverageInput(asOf: d(day), townships: [t1, t2], villages: villages, facilities: [f]))
        }
        #expect(report("2023-05-31").townships[0].uncovered.map(\.name) == ["丙村"])
        #expect(report("2023-06-01").townships[0].uncovered.map(\.name) == ["乙村"])
        #expect(report("2022-01-01").signageOperating == 0)
        #expect(report("2023-06-01").signageOperating == 1)
        #expect(report("2024-06-01").demonstrationOperating == 0)
    }

    @Test func onlyOperatingVillageStationsCoverVillagesAndCommunitiesAreNotCounted() {
        let facilities = [
            station("331123102201", [("2021-01-01", .planned), ("2021-06-01", .operating)]),
            station("331123102202", [("2021-01-01", .underConstruction)]),
            station("331123103201", [("2021-01-01", .operating), ("2022-01-01", .suspended)]),
        ]
        let report = CoverageRules.compute(CoverageInput(asOf: d("2023-01-01"), townships: [t1, t2], villages: villages, facilities: facilities))
        #expect(report.villages == 4) // the community (111) is not an administrative village
        #expect(report.coveredVillages == 1)
        #expect(report.townships[0].uncovered.map(\.name) == ["乙村", "丙村"])
        #expect(report.townships[1].coveredVillages == 0)
        #expect(report.count(.villageStation, .operating) == 1)
        #expect(report.planned(.villageStation) == 3)
        #expect(report.villageRate?.percentText == "25.00%")
    }

    @Test func coverageAsOfAPastDateFollowsTheHistory() {
        let facilities = [station("331123102201", [("2021-01-01", .planned), ("2021-06-01", .operating), ("2022-03-01", .suspended), ("2022-09-01", .operating)])]
        func covered(_ day: String) -> Int {
            CoverageRules.compute(CoverageInput(asOf: d(day), townships: [t1], villages: villages, facilities: facilities)).coveredVillages
        }
        #expect(covered("2020-12-31") == 0) // did not exist
        #expect(covered("2021-05-31") == 0) // planned
        #expect(covered("2021-06-01") == 1) // operating from that day
        #expect(covered("2022-03-01") == 0) // suspended
        #expect(covered("2022-09-30") == 1)
        let before = CoverageRules.compute(CoverageInput(asOf: d("2020-12-31"), townships: [t1], villages: villages, facilities: facilities))
        #expect(before.planned(.villageStation) == 0)
    }

    @Test func sharedVillagesCountOnceAndTownshipStationsDoNotCoverVillages() {
        let facilities = [
            station("331123102201", served: ["331123102202"], [("2021-01-01", .operating)]),
            station("331123102202", served: ["331123102201"], [("2021-01-01", .operating)]),
            FacilitySnapshot(name: "镇站", type: .townshipStation, division: "331123102000", served: ["331123102203", "331123103000"],
                             history: [StatusEvent(d("2021-01-01"), .operating)]),
            FacilitySnapshot(name: "中心", type: .countyServiceCentre, division: "331123102203", history: [StatusEvent(d("2021-01-01"), .operating)]),
        ]
        let report = CoverageRules.compute(CoverageInput(asOf: d("2022-01-01"), townships: [t1, t2], villages: villages, facilities: facilities))
        #expect(report.coveredVillages == 2) // 甲 and 乙, each once; 丙 is not covered by the township station
        #expect(report.townships[0].uncovered.map(\.name) == ["丙村"])
        // The township station serves its own township; a village code in its list is ignored.
        #expect(report.townshipsWithStation == 2) // its own and 北界镇 (served)
        #expect(NetworkIndicator.townshipsWithStation.value(in: report) == 2)
        #expect(NetworkIndicator.villageStationsOperating.value(in: report) == 2)
        #expect(NetworkIndicator.countyServiceCentresOperating.value(in: report) == 1)
    }

    @Test func sameDayChangesTakeTheLaterEntry() {
        let events = [StatusEvent(d("2022-01-01"), .underConstruction), StatusEvent(d("2022-01-01"), .operating)]
        #expect(StatusHistory.status(asOf: d("2022-01-01"), events) == .operating)
        #expect(StatusHistory.status(asOf: d("2021-12-31"), events) == nil)
    }

    @Test func plausibilityFlagsTenfoldJumpsOnlyWithEnoughHistory() {
        let history: [(Month, RecordValues)] = (1...4).map { m in (Month(year: 2024, month: m), RecordValues(parcelsIn: 100 + m, purchaseAmount: Money(fen: 10_000))) }
        let june = Month(year: 2024, month: 6)
        #expect(Plausibility.check(RecordValues(parcelsIn: 900, purchaseAmount: Money(fen: 90_000)), history: history, month: june).isEmpty)
        let warnings = Plausibility.check(RecordValues(parcelsIn: 1100, purchaseAmount: Money(fen: 200_000)), history: history, month: june)
        #expect(warnings.map(\.metric) == [.parcelsIn, .purchaseAmount])
        #expect(warnings.first?.median == 102)
        // Two months of history are not enough to judge.
        #expect(Plausibility.check(RecordValues(parcelsIn: 100_000), history: Array(history.prefix(2)), month: june).isEmpty)
        // Later months do not count as history.
        #expect(Plausibility.check(RecordValues(parcelsIn: 100_000), history: history, month: Month(year: 2024, month: 2)).isEmpty)
    }

    @Test func reportingAndOnTimeRatesUseTheTenthOfTheNextMonth() throws {
        let a = station("331123102201", [("2024-01-01", .operating)])
        let b = station("331123102202", [("2024-01-01", .operating)])
        let c = station("331123102203", [("2024-01-01", .operating), ("2024-05-20", .suspended)])
        let planned = station("331123103201", [("2024-01-01", .planned)])
        let may = Month(year: 2024, month: 5)
        // 10 June 23:59 Beijing = 10 June 15:59 UTC: on time; 11 June 00:00 Beijing: late.
        let onTime = try #require(ISO8601DateFormatter().date(from: "2024-06-10T15:59:00Z"))
        let late = try #require(ISO8601DateFormatter().date(from: "2024-06-10T16:00:00Z"))
        let result = ReportingRules.completeness(month: may, facilities: [a, b, c, planned], submissions: [
            .init(facilityID: a.id, month: may, submittedAt: onTime), .init(facilityID: b.id, month: may, submittedAt: late),
            .init(facilityID: c.id, month: may, submittedAt: onTime),
        ])
        #expect(result.expected == 2) // c was suspended at the end of May; the planned one is not expected
        #expect(result.reported == 2)
        #expect(result.onTime == 1)
        #expect(result.reportingRate?.percentText == "100.00%")
        #expect(result.onTimeRate?.percentText == "50.00%")
        #expect(result.late == [b.id])
        #expect(may.deadline == late)
        #expect(ReportingRules.isOnTime(submittedAt: onTime, month: may) && !ReportingRules.isOnTime(submittedAt: late, month: may))
    }

    @Test func daysAndMonthsParseStrictly() {
        #expect(Day("2024-02-29")?.iso == "2024-02-29")
        #expect(Day("2023-02-29") == nil)
        #expect(Day("2024-13-01") == nil)
        #expect(Month("2024-12")?.next.text == "2025-01")
        #expect(Month("2024-1")?.text == "2024-01")
        #expect(FacilityType.parse("村级服务点") == .villageStation)
        #expect(FacilityType.parse("乡镇物流中转站") == .townshipHub)
        #expect(FacilityStatus.parse("运营中") == .operating)
    }

    @Test func mapProjectsCoordinatesAndEscapesNames() {
        let labels = NetworkMap.Labels(title: "地图", type: { $0.rawValue }, status: { $0.rawValue }, empty: "无")
        let svg = NetworkMap.svg([
            .init(name: "甲<站>", type: .villageStation, status: .operating, latitude: 28.5, longitude: 119.0),
            .init(name: "乙", type: .townshipHub, status: .planned, latitude: 28.7, longitude: 119.3),
        ], labels: labels)
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.contains("甲&lt;站&gt;"))
        #expect(!svg.contains("<script"))
        #expect(svg.components(separatedBy: "<circle").count > 3)
        #expect(NetworkMap.svg([], labels: labels).contains("无"))
    }
}
