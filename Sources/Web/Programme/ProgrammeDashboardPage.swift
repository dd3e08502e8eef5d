import Accounts
import Documents
import Fluent
import Foundation
import Programme
import ProgrammeCore
import Statistics
import Vapor
import XiangcunKit

/// 示范项目 — the dashboard: funds, deadlines, what waits for review, alignment warnings and
/// the report links; or, before a plan is imported, the way to import one.
enum ProgrammeDashboardPage {
    struct Model: Sendable {
        /// Nil until the county imports its plan.
        var programme: ProgrammeFigures?
        var canImport: Bool
        /// Progress reports waiting for verification.
        var awaitingProgress: Int
        /// Disbursements waiting for approval.
        var awaitingDisbursements: Int
    }

    /// What the dashboard reads of the county's programme rows, once per county version.
    struct Rows: Sendable {
        var record: ProgrammeRecord?
        var countyName: String
        var awaitingProgress = 0
        var awaitingDisbursements = 0
    }

    static func load(_ req: Request) async throws -> Model {
        let user = try req.require(.readProgramme)
        let county = try req.requireCounty()
        let canImport = user.userRole.can(.editProgramme)
        // The version before the rows: a write committed after this read makes the memo stale.
        let version = try await CountyVersions.current(county.value, on: req.db)
        let rows = try await CountyCache.memo("programme.dashboard", key: "", county: county.value, version: version) {
            var rows = Rows(record: try await ProgrammeStore.current(county: county, on: req.db), countyName: try await req.countyShortName())
            guard let id = try rows.record?.requireID() else { return rows }
            rows.awaitingProgress = try await ProgressRecord.query(on: req.db).filter(\.$programmeID == id)
                .filter(\.$status == ProgressStatus.submitted.rawValue).count()
            rows.awaitingDisbursements = try await DisbursementRecord.query(on: req.db).filter(\.$programmeID == id)
                .filter(\.$status == DisbursementStatus.pending.rawValue).count()
            return rows
        }
        guard let record = rows.record else {
            return Model(programme: nil, canImport: canImport, awaitingProgress: 0, awaitingDisbursements: 0)
        }
        let data = try await ProgrammeFigures.load(record, countyName: rows.countyName, asOf: try req.queryDay("asOf") ?? .today(),
                                                   version: version, on: req.db)
        return Model(programme: data, canImport: canImport, awaitingProgress: rows.awaitingProgress, awaitingDisbursements: rows.awaitingDisbursements)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        guard let data = m.programme else { return noProgramme(chrome, canImport: m.canImport) }
        let info = data.plan.info
        return Layout.page(chrome, title: info.title) {
            ProgrammeParts.subnav(chrome)
            el("p", ["class": "muted"]) {
                chrome.t("programme.batch") + " \(info.batchYear) · " + chrome.t("programme.status") + " " + chrome.t("programmeStatus.\(info.status.rawValue)")
                + (info.approvalDate.map { " · " + chrome.t("programme.approval") + " " + $0.iso } ?? "")
            }
            figures(chrome, m, data)
            // The charts are drawn once per county version, live figures, language and day.
            Node.raw(CountyCache.memo("programme.charts", key: "\(chrome.context.language.rawValue)|\(data.snapshot.asOf.iso)",
                                      county: data.record.countyCode, version: data.version, inputs: data.inputs) {
                charts(chrome, data).html
            })
            let alignment = data.indicators.alignmentWarnings
            if !alignment.isEmpty {
                el("h2") { chrome.t("programme.alignment") }
                el("ul", ["class": "panel"]) {
                    for a in alignment {
                        el("li") { chrome.t("programme.alignment.text", a.contractor, a.disbursedShare?.percentText ?? "—", Percent.text(a.completion)) }
                    }
                }
            }
            let overdue = data.deadlines.filter { $0.status == .overdue }
            if !overdue.isEmpty {
                el("h2") { chrome.t("programme.overdue") }
                ProgrammeParts.deadlineList(chrome, overdue)
            }
            el("h2") { chrome.t("programme.reports") }
            reportLinks(chrome)
        }
    }

    static func noProgramme(_ chrome: PageChrome, canImport: Bool) -> String {
        Layout.page(chrome, title: chrome.t("programme.title")) {
            el("div", ["class": "panel"]) {
                el("p") { chrome.t("programme.none") }
                if canImport { el("a", ["class": "btn", "href": SiteURL.programmeImport.path]) { chrome.t("programme.import") } }
                " "
                el("a", ["class": "btn secondary", "href": SiteURL.programmeTemplate.path]) { chrome.t("programme.import.template") }
            }
        }
    }

    static func figures(_ chrome: PageChrome, _ m: Model, _ data: ProgrammeFigures) -> Node {
        let counts = Deadlines.counts(data.deadlines)
        let overdue = counts[.overdue] ?? 0
        return el("div", ["class": "cards"]) {
            ProgrammeParts.moneyFigure(chrome, chrome.t("programme.central.allocated"), data.plan.info.centralFundsAllocated)
            ProgrammeParts.moneyFigure(chrome, chrome.t("programme.central.contracted"), data.funds.contracted)
            ProgrammeParts.moneyFigure(chrome, chrome.t("programme.central.disbursed"), data.funds.totalDisbursed)
            Cards.figure(data.funds.totalRate?.percentText ?? "—", label: chrome.t("programme.disbursement.rate"))
            Cards.figure("\(overdue)", label: chrome.t("programme.overdue"), link: SiteURL.programmeTasks.path + "?status=overdue", warn: overdue > 0)
            Cards.figure("\(counts[.dueSoon] ?? 0)", label: chrome.t("programme.dueSoon"), link: SiteURL.programmeTasks.path + "?status=dueSoon")
            Cards.figure("\(m.awaitingProgress)", label: chrome.t("programme.awaiting"), link: SiteURL.programmeProgress.path + "?status=submitted")
            Cards.figure("\(m.awaitingDisbursements)", label: chrome.t("programme.awaiting.disbursements"), link: SiteURL.programmeFunds.path)
        }
    }

    static func charts(_ chrome: PageChrome, _ data: ProgrammeFigures) -> Node {
        el("div", ["class": "charts"]) {
            el("figure", ["class": "panel"]) {
                Node.raw(SVG.progressRing(title: chrome.t("programme.disbursement.rate"), rate: double(data.funds.totalRate.map(Percent.fraction)),
                                          caption: "\(data.funds.totalDisbursed.wanYuanText) / \(data.funds.totalPlanned.wanYuanText) " + chrome.t("programme.unit")))
            }
            el("figure", ["class": "panel"]) {
                Node.raw(SVG.horizontalBarChart(title: chrome.t("programme.completion.bySubsystem"),
                    bars: data.completion.subsystems.map { SVG.Bar($0.subsystem.name, double($0.rate), valueLabel: Percent.text($0.rate)) },
                    format: .percent(decimals: 2), target: 1, targetLabel: "100%", maximum: 1))
            }
        }
    }

    /// The self-assessment report and every ledger, as Excel and CSV.
    static func reportLinks(_ chrome: PageChrome) -> Node {
        el("div", ["class": "panel"]) {
            el("p") { el("a", ["class": "btn", "href": SiteURL.selfAssessment.path]) { chrome.t("report.selfAssessment") } }
            el("ul") {
                for kind in ProgrammeExport.allCases {
                    el("li") {
                        chrome.t("export.\(kind.rawValue)") + "："
                        el("a", ["href": SiteURL.programmeExport(kind.rawValue + ".xlsx").path]) { "Excel" }
                        " · "
                        el("a", ["href": SiteURL.programmeExport(kind.rawValue + ".csv").path]) { "CSV" }
                    }
                }
            }
        }
    }

    static func double(_ value: Decimal?) -> Double { value.map { NSDecimalNumber(decimal: $0).doubleValue } ?? 0 }
}
