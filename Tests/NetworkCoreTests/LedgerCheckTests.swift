import Foundation
import Testing
import XiangcunKit
@testable import NetworkCore

/// The ledger row checks without a database: a county's divisions, services and stations are
/// given as values, so every rule of an import can be tried in milliseconds.
@Suite("Ledger checks")
struct LedgerCheckTests {
    let existing = UUID()
    let county: DivisionCode

    init() throws { county = try DivisionCode("331123000000") }

    var context: NetworkContext {
        NetworkContext(county: county,
                       divisions: ["331123102000": (.township, "新路湾镇"), "331123102201": (.village, "甲村"), "331123102202": (.village, "乙村")],
                       serviceCodes: Set(DefaultService.allCases.map(\.rawValue)), serviceNames: ["快递收发": "parcels"],
                       facilityNames: ["甲村服务站": existing])
    }

    func file(_ csv: String) throws -> TabularFile { try TabularFile.read(Data(csv.utf8)) }

    @Test func stationRowsMatchByNameAndNewNamesAreAdded() throws {
        let rows = try StationLedger.check(try file("""
            名称,类型,区划代码,状态,状态日期,统一标识,服务项目
            甲村服务站,村级服务站,331123102201,运营中,2024-01-01,是,快递收发
            乙村服务站,villageStation,331123102202,,,,
            """), context: context)
        #expect(rows.map(\.row) == [2, 3])
        #expect(rows[0].existingID == existing && rows[1].existingID == nil)
        #expect(rows[0].facility.signage && rows[0].facility.services == ["parcels"] && rows[0].facility.status == .operating)
        #expect(rows[1].facility.status == .planned)
    }

    @Test func everyProblemIsReportedLeftToRightAndNothingPasses() {
        let failed = #expect(throws: ImportFailed.self) {
            try StationLedger.check(try file("""
                名称,类型,区划代码,统一标识
                甲村服务站,村级服务站,331123102299,也许
                甲村服务站,火箭站,331123102201,
                """), context: context)
        }
        #expect(failed?.issues.map { "\($0.row)\($0.column ?? "")" } == ["2C", "2D", "3A", "3B"])
        #expect(failed?.issues.map(\.key) == ["error.division.unknown", "network.import.yesNo", "network.import.duplicate", "network.import.type"])
    }

    @Test func aMissingRequiredColumnStopsTheFile() {
        let failed = #expect(throws: ImportFailed.self) {
            try StationLedger.check(try file("名称,类型\n甲村服务站,村级服务站\n"), context: context)
        }
        #expect(failed?.issues.map(\.args) == [["区划代码"]])
    }

    @Test func recordRowsFollowTheFormRulesAndWarnAboutTenfoldJumps() throws {
        let history = (1...4).map { (Month(year: 2024, month: $0), RecordValues(parcelsIn: 100)) }
        let stations = RecordLedger.Stations(byName: ["甲村服务站": existing], history: [existing: history],
                                             firstDays: [existing: Day(year: 2024, month: 1, day: 1) ?? .today()])
        let now = try #require(ISO8601DateFormatter().date(from: "2024-07-01T00:00:00Z"))
        let checked = try RecordLedger.check(try file("站点名称,月份,进港件数,代买金额（元）\n甲村服务站,2024年6月,5000,12.50\n"), stations: stations, now: now)
        #expect(checked.records.map(\.month) == [Month(year: 2024, month: 6)])
        #expect(checked.records.first?.values.purchaseAmount == Money(fen: 1250))
        #expect(checked.warnings.map(\.column) == ["C"])
        let failed = #expect(throws: ImportFailed.self) {
            try RecordLedger.check(try file("站点名称,月份,进港件数\n甲村服务站,2024-08,1\n甲村服务站,2023-12,1\n乙站,2024-05,-1\n"), stations: stations, now: now)
        }
        #expect(failed?.issues.map(\.key) == ["network.error.futureMonth", "network.error.beforeFacility", "network.import.unknownStation", "network.import.count"])
    }
}
