import Composition
import Accounts
import Documents
import Fluent
import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

/// The county administrator's dashboard of the programme.
struct ProgrammeController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.section(.programme), use: dashboard)
    }

    @Sendable func dashboard(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let county = try req.requireCounty()
        let chrome = try await req.chrome()
        guard let record = try await ProgrammeStore.current(county: county, on: req.db) else {
            return .html(Layout.page(chrome, title: chrome.t("programme.title")) {
                el("div", ["class": "panel"]) {
                    el("p") { chrome.t("programme.none") }
                    if user.userRole.can(.editProgramme) { el("a", ["class": "btn", "href": SiteURL.programmeImport.path]) { chrome.t("programme.import") } }
                    " "
                    el("a", ["class": "btn secondary", "href": SiteURL.programmeTemplate.path]) { chrome.t("programme.import.template") }
                }
            })
        }
        let view = try await ProgrammeView.load(req, record: record)
        let id = try record.requireID()
        let awaitingProgress = try await ProgressRecord.query(on: req.db).filter(\.$programmeID == id).filter(\.$status == ProgressStatus.submitted.rawValue).count()
        let awaitingFunds = try await DisbursementRecord.query(on: req.db).filter(\.$programmeID == id).filter(\.$status == DisbursementStatus.pending.rawValue).count()
        let alignment = view.indicators.alignmentWarnings
        let counts = Deadlines.counts(view.deadlines)
        let info = view.plan.info
        return .html(Layout.page(chrome, title: info.title) {
            ProgrammeViews.subnav(chrome)
            el("p", ["class": "muted"]) {
                chrome.t("programme.batch") + " \(info.batchYear) · " + chrome.t("programme.status") + " " + chrome.t("programmeStatus.\(info.status.rawValue)")
                + (info.approvalDate.map { " · " + chrome.t("programme.approval") + " " + $0.iso } ?? "")
            }
            el("div", ["class": "cards"]) {
                moneyCard(chrome.t("programme.central.allocated"), info.centralFundsAllocated, chrome)
                moneyCard(chrome.t("programme.central.contracted"), view.funds.contracted, chrome)
                moneyCard(chrome.t("programme.central.disbursed"), view.funds.totalDisbursed, chrome)
                el("div", ["class": "card"]) {
                    el("div", ["class": "num"]) { view.funds.totalRate?.percentText ?? "—" }
                    el("div", ["class": "label"]) { chrome.t("programme.disbursement.rate") }
                }
                countCard(chrome.t("programme.overdue"), counts[.overdue] ?? 0, link: SiteURL.programmeTasks.path + "?status=overdue", warn: (counts[.overdue] ?? 0) > 0)
                countCard(chrome.t("programme.dueSoon"), counts[.dueSoon] ?? 0, link: SiteURL.programmeTasks.path + "?status=dueSoon", warn: false)
                countCard(chrome.t("programme.awaiting"), awaitingProgress, link: SiteURL.programmeProgress.path + "?status=submitted", warn: false)
                countCard(chrome.t("programme.awaiting.disbursements"), awaitingFunds, link: SiteURL.programmeFunds.path, warn: false)
            }
            el("div", ["class": "charts"]) {
                el("figure", ["class": "panel"]) {
                    Node.raw(SVG.progressRing(title: chrome.t("programme.disbursement.rate"), rate: Self.double(view.funds.totalRate.map(Percent.fraction)),
                                              caption: "\(view.funds.totalDisbursed.wanYuanText) / \(view.funds.totalPlanned.wanYuanText) " + chrome.t("programme.unit")))
                }
                el("figure", ["class": "panel"]) {
                    Node.raw(SVG.horizontalBarChart(title: chrome.t("programme.completion.bySubsystem"),
                        bars: view.completion.subsystems.map { SVG.Bar($0.subsystem.name, Self.double($0.rate), valueLabel: Percent.text($0.rate)) },
                        format: .percent(decimals: 2), target: 1, targetLabel: "100%", maximum: 1))
                }
            }
            if !alignment.isEmpty {
                el("h2") { chrome.t("programme.alignment") }
                el("ul", ["class": "panel"]) {
                    for a in alignment {
                        el("li") { chrome.t("programme.alignment.text", a.contractor, a.disbursedShare?.percentText ?? "—", Percent.text(a.completion)) }
                    }
                }
            }
            let overdue = view.deadlines.filter { $0.status == .overdue }
            if !overdue.isEmpty {
                el("h2") { chrome.t("programme.overdue") }
                ProgrammeTaskViews.deadlineList(chrome, overdue)
            }
            el("h2") { chrome.t("programme.reports") }
            ProgrammeExportController.links(chrome)
        })
    }

    static func double(_ value: Decimal?) -> Double { value.map { NSDecimalNumber(decimal: $0).doubleValue } ?? 0 }

    func moneyCard(_ label: String, _ money: Money, _ chrome: PageChrome) -> Node {
        el("div", ["class": "card"]) {
            el("div", ["class": "num"]) { money.wanYuanText }
            el("div", ["class": "label"]) { label + "（" + chrome.t("programme.unit") + "）" }
        }
    }

    func countCard(_ label: String, _ count: Int, link: String, warn: Bool) -> Node {
        el("a", ["class": warn ? "card warn" : "card", "href": link]) {
            el("div", ["class": "num"]) { "\(count)" }
            el("div", ["class": "label"]) { label }
        }
    }
}
