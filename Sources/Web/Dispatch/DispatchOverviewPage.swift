import CountyDispatch
import DispatchCore
import Vapor
import XiangcunKit

/// 线路规划 — the day's plan at a glance (cost against the fixed routes), the form that plans or
/// re-plans a day, and the recent plans.
enum DispatchOverviewPage {
    struct Model: Sendable {
        var viewer: DispatchViewer
        var day: Day
        var stored: StoredPlan?
        var recent: [PlanRecord]
        var pagination: Pagination
        var vehicles: Int
        var error: String?
    }

    static func load(_ req: Request, _ viewer: DispatchViewer, error: String? = nil) async throws -> Model {
        let day = req.query[String.self, at: "day"].flatMap(Day.init) ?? .today()
        let page = Pagination.page(req)
        let (recent, total) = try await DispatchQueries.plans(county: viewer.county, page: page, per: 20, on: req.db)
        return Model(viewer: viewer, day: day, stored: try await DispatchPlanning.load(county: viewer.county, day: day, on: req.db),
                     recent: recent, pagination: Pagination(page: page, per: 20, total: total),
                     vehicles: try await DispatchQueries.vehicles(county: viewer.county, on: req.db).count, error: error)
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("dispatch.title")) {
            DispatchViews.subnav(chrome, m.viewer, current: SiteURL.section(.routing).path)
            if let error = m.error { el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"]) { el("p") { error } } }
            el("form", ["method": "get", "action": SiteURL.section(.routing).path, "class": "filters"]) {
                Forms.field(chrome, FormState(values: ["day": m.day.iso]), name: "day", label: chrome.t("dispatch.day"), type: "date")
                el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("dispatch.show") }
            }
            if let stored = m.stored, let id = stored.record.id {
                el("h2") { chrome.t("dispatch.plan.of", m.day.chinese) }
                DispatchViews.comparison(chrome, stored.comparison, vehicles: stored.record.vehicles)
                el("p") {
                    el("a", ["class": "btn", "href": SiteURL.dispatch(.plan(id)).path]) { chrome.t("dispatch.plan.open") }
                    " "
                    el("a", ["class": "btn secondary", "href": SiteURL.dispatch(.manifests(id)).path]) { chrome.t("dispatch.manifests.print") }
                }
                if !stored.plan.unserved.isEmpty { el("p", ["class": "error"]) { chrome.t("dispatch.unserved.count", "\(stored.plan.unserved.count)") } }
            } else {
                el("p", ["class": "panel"]) { chrome.t("dispatch.plan.none", m.day.chinese) }
            }
            if m.viewer.canPlan {
                el("form", ["method": "post", "action": SiteURL.dispatch(.replan).path, "class": "panel"]) {
                    Layout.csrfField(chrome.context)
                    el("input", ["type": "hidden", "name": "day", "value": m.day.iso])
                    el("p") { chrome.t(m.vehicles == 0 ? "dispatch.plan.needVehicles" : "dispatch.plan.hint") }
                    el("button", ["type": "submit", "class": "btn", "disabled": m.vehicles == 0 ? "" : nil]) {
                        chrome.t(m.stored == nil ? "dispatch.plan.make" : "dispatch.plan.remake", m.day.iso)
                    }
                }
            }
            el("h2") { chrome.t("dispatch.recent") }
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") {
                    for key in ["dispatch.day", "dispatch.vehiclesUsed", "dispatch.plan.distance", "dispatch.plan.cost", "dispatch.fixed.cost", "dispatch.saving", "dispatch.plannedBy"] {
                        el("th") { chrome.t(key) }
                    }
                } }
                el("tbody") { for p in m.recent { row(chrome, p) } }
            } }
            m.pagination.links(chrome, base: SiteURL.section(.routing).path, query: [("day", m.day.iso)])
        }
    }

    static func row(_ chrome: PageChrome, _ p: PlanRecord) -> Node {
        el("tr") {
            el("td") { el("a", ["href": SiteURL.dispatch(.plan(p.id ?? UUID())).path]) { p.day } }
            el("td", ["class": "num"]) { "\(p.vehicles)" }
            el("td", ["class": "num"]) { chrome.t("dispatch.km", DispatchViews.km(p.metres)) }
            el("td", ["class": "num"]) { "¥" + Money(fen: p.costFen).yuanText }
            el("td", ["class": "num"]) { "¥" + Money(fen: p.fixedCostFen).yuanText }
            el("td", ["class": "num"]) { "¥" + Money(fen: p.fixedCostFen - p.costFen).yuanText }
            el("td") { p.plannedBy + " " + Beijing.format(p.plannedAt) }
        }
    }
}
