import Composition
import Divisions
import Fluent
import Programme
import ProgrammeCore
import Vapor
import XiangcunKit

/// Public disclosure pages (政务公开): no sign-in; plan summary, tasks and completion,
/// contractors, fund plan against disbursements, recent verified progress. No internal notes,
/// no personal data, evidence only when marked public.
struct DisclosureController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.disclosure(":county"), use: county)
        routes.get(.publicEvidence(":county", Placeholder.id), use: evidence)
    }

    func county(from req: Request) async throws -> (DivisionCode, Division) {
        guard let text = req.parameters.get("county"), let code = try? DivisionCode(text), code.level == .county,
              let county = try await Division.find(code.value, on: req.db) else { throw Abort(.notFound) }
        return (code, county)
    }

    @Sendable func county(_ req: Request) async throws -> Response {
        let (code, county) = try await county(from: req)
        var chrome = try await req.chrome()
        chrome.countyName = try await DivisionQueries.fullName(of: code, on: req.db)
        guard let record = try await ProgrammeStore.current(county: code, on: req.db) else {
            return .html(Layout.page(chrome, title: chrome.t("nav.disclosure") + " · " + county.name) {
                el("div", ["class": "panel"]) { el("p") { chrome.t("programme.none") } }
                el("p") { el("a", ["class": "btn secondary", "href": SiteURL.publicStations(code.short).path]) { chrome.t("network.public.link") } }
            })
        }
        let view = try await ProgrammeView.load(record, countyName: county.name, on: req.db)
        let info = view.plan.info
        let recent = try await ProgressRecord.query(on: req.db).filter(\.$programmeID == (try record.requireID()))
            .filter(\.$status == ProgressStatus.verified.rawValue).sort(\.$asOf, .descending).limit(20).all()
        let publicEvidence = try await EvidenceRecord.query(on: req.db).filter(\.$ownerID ~~ recent.compactMap(\.id)).filter(\.$isPublic == true).all()
        let targets = Dictionary(view.plan.targets.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        return .html(Layout.page(chrome, title: chrome.t("nav.disclosure") + " · " + info.title) {
            el("p", ["class": "muted"]) { chrome.t("disclosure.note") }
            el("p") { el("a", ["class": "btn secondary", "href": SiteURL.publicStations(code.short).path]) { chrome.t("network.public.link") } }
            el("h2") { chrome.t("disclosure.plan") }
            el("div", ["class": "cards"]) {
                card(chrome.t("programme.central.allocated"), info.centralFundsAllocated.wanYuanText, chrome)
                card(chrome.t("programme.central.contracted"), view.funds.contracted.wanYuanText, chrome)
                card(chrome.t("programme.central.disbursed"), view.funds.totalDisbursed.wanYuanText, chrome)
                card(chrome.t("programme.enterprise"), info.enterpriseFunds.wanYuanText, chrome)
            }
            el("h2") { chrome.t("disclosure.funds") }
            FundTableView.table(chrome, view.funds)
            el("h2") { chrome.t("programme.contractors") }
            el("ul", ["class": "panel"]) {
                for c in view.plan.contractors {
                    el("li") { c.name + (c.selection.isEmpty ? "" : "（\(c.selection)）") + (c.consortium.isEmpty ? "" : " · " + c.consortium) }
                }
            }
            el("h2") { chrome.t("disclosure.targets") }
            for s in view.completion.subsystems {
                el("h3") { "\(s.subsystem.code). \(s.subsystem.name) · " + Percent.text(s.rate) }
                el("div", ["class": "table-wrap"]) { el("table") {
                    el("thead") { el("tr") { for key in ["task", "target", "target.rate"] { el("th") { chrome.t(key) } } } }
                    el("tbody") {
                        for t in s.tasks {
                            el("tr") {
                                el("td") { "\(t.task.code) \(t.task.name)" }
                                el("td") { ProgrammeTaskViews.targetList(chrome, t.targets) }
                                el("td", ["class": "num"]) { Percent.text(t.rate) }
                            }
                        }
                    }
                } }
            }
            el("h2") { chrome.t("disclosure.progress") }
            el("ul", ["class": "panel"]) {
                for r in recent {
                    el("li") {
                        r.asOf + " · " + (targets[r.targetCode].map { "\($0.metric)：" } ?? "") + r.actual + (targets[r.targetCode]?.unit ?? "")
                        + (r.narrative.isEmpty ? "" : " — " + r.narrative)
                        for e in publicEvidence where e.ownerID == r.id {
                            " "; el("a", ["href": SiteURL.publicEvidence(code.short, e.id ?? UUID()).path]) { e.filename }
                        }
                    }
                }
            }
        })
    }

    func card(_ label: String, _ value: String, _ chrome: PageChrome) -> Node {
        el("div", ["class": "card"]) {
            el("div", ["class": "num"]) { value }
            el("div", ["class": "label"]) { label + "（" + chrome.t("programme.unit") + "）" }
        }
    }

    /// Only evidence marked public of a verified report of this county (`Evidence.published`).
    @Sendable func evidence(_ req: Request) async throws -> Response {
        let (code, _) = try await county(from: req)
        guard let id = req.parameters.get("id", as: UUID.self),
              let record = try await Evidence.published(id, county: code.value, on: req.db) else { throw Abort(.notFound) }
        return try await ProgrammeProgressController.send(record, req)
    }
}
