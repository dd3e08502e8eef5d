import Accounts
import Audit
import Commerce
import CountyDispatch
import Divisions
import FluentKit
import Foundation
import ServiceNetwork
import Trace
import Statistics
import Programme
import ProgrammeCore
import XiangcunKit

/// The demo county 遂昌县 with one account per role. Loading twice changes nothing.
public enum DemoCounty {
    public static let countyCode = "331123000000"
    public static let provinceCode = "330000000000"
    /// Demo accounts share this password; it is printed when the demo is loaded. Never use in production.
    public static let password = "xiangcun-demo"

    public struct Account: Sendable {
        public let username: String
        public let displayName: String
        public let role: Role
        public let scope: String?
    }

    public static let accounts: [Account] = [
        Account(username: "admin", displayName: "系统管理员", role: .systemAdmin, scope: nil),
        Account(username: "suichang", displayName: "遂昌县经济商务局", role: .countyAdmin, scope: countyCode),
        Account(username: "contractor", displayName: "承办企业（示例）", role: .contractor, scope: countyCode),
        Account(username: "station", displayName: "服务站站长（示例）", role: .stationOperator, scope: countyCode),
        Account(username: "auditor", displayName: "第三方审计（示例）", role: .auditor, scope: countyCode),
        Account(username: "sorter", displayName: "分拣员（示例）", role: .sorter, scope: countyCode),
        Account(username: "driver", displayName: "司机（示例）", role: .driver, scope: countyCode),
        Account(username: "inspector", displayName: "检测员（示例）", role: .inspector, scope: countyCode),
        Account(username: "producer", displayName: "生产主体（示例）", role: .producer, scope: countyCode),
        Account(username: "zhejiang", displayName: "浙江省商务厅（示例）", role: .provinceViewer, scope: provinceCode),
    ]

    /// Divisions through the same importer users use, then the accounts.
    public static func load(on db: any Database, hasher: any PasswordHashing) async throws -> DivisionImportReport {
        let actor = AuditActor.cli("demo")
        var rows = try DivisionFiles.parse(try DivisionData.demoCounty(), encoding: "utf8")
        for i in rows.indices where rows[i].code.level == .village { rows[i].sample = true }
        let report = try await DivisionImporter.importRows(rows, actor: actor, on: db)
        for account in accounts where try await AccountService.findByUsername(account.username, on: db) == nil {
            _ = try await AccountService.create(
                NewUser(username: account.username, displayName: account.displayName, password: password, role: account.role, scopeCode: account.scope),
                hasher: hasher, actor: actor, creatorScope: .everything, on: db)
        }
        try await loadProgramme(actor: actor, on: db)
        _ = try await NetworkDemo.load(county: try DivisionCode(countyCode), on: db)
        try await loadTrace(on: db)
        try await CommerceDemo.load(county: try DivisionCode(countyCode), on: db)
        try await DispatchDemo.load(county: try DivisionCode(countyCode), on: db)
        try await StatisticsDemo.load(through: Day.today().monthKey.previous, on: db)
        return report
    }

    /// Farm products and traceability (示例): the demo producer account records for the sample
    /// family farm, and the first village station receives the shipped case.
    static func loadTrace(on db: any Database) async throws {
        let producer = try await AccountService.findByUsername("producer", on: db)?.id
        let station = try await Facility.query(on: db).filter(\.$countyCode == countyCode).filter(\.$type == "villageStation").sort(\.$name).first()?.id
        try await TraceDemo.load(county: try DivisionCode(countyCode), producerUser: producer, station: station, on: db)
    }

    /// The real Suichang programme (plan, contractors, fund plan, disbursements, progress and
    /// report texts) through the plan importer; the demo contractor account acts for 浙江赶街.
    static func loadProgramme(actor: AuditActor, on db: any Database) async throws {
        let county = try DivisionCode(countyCode)
        guard try await ProgrammeStore.current(county: county, on: db) == nil else { return }
        let programme = try await ProgrammeStore.importPlan(try DemoProgramme.suichang(), county: county, replace: false, actor: actor, on: db)
        guard let user = try await AccountService.findByUsername("contractor", on: db),
              let ganjie = try await ContractorRecord.query(on: db).filter(\.$programmeID == (try programme.requireID()))
                .filter(\.$name == "浙江赶街电子商务有限公司").first() else { return }
        try await ProgrammeEdits.addMember(userID: try user.requireID(), contractor: ganjie, actor: actor, on: db)
    }
}
