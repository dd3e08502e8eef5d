import Accounts
import Audit
import Composition
import Divisions
import Fluent
import Vapor
import XiangcunKit

/// 首页 — a page that is each role's own: what waits for them (待办), the county in view at a
/// glance (or, for a province viewer, every county of the province), the sections, and the
/// latest audit entries.
enum HomePage {
    struct Model: Sendable {
        var user: User
        var county: DivisionCode?
        var townships = 0, villages = 0, users = 0
        var recent: [AuditEntry] = []
        /// Counties a province viewer or system administrator may switch between.
        var countyChoices: [Division]
        var inbox: [InboxItem] = []
        /// The province's counties with their figures (province viewers).
        var province: (rows: [CountyFigures], withoutData: Int)?
        /// The county in view has neither a programme nor stations yet.
        var countyIsEmpty = false
    }

    static func load(_ req: Request) async throws -> Model {
        let user = try req.requireUser()
        var m = Model(user: user, county: req.context.county, countyChoices: try await countyChoices(req, user: user))
        if let county = m.county {
            m.townships = try await DivisionQueries.count(level: .township, inCounty: county, on: req.db)
            m.villages = try await DivisionQueries.count(level: .village, inCounty: county, on: req.db)
            m.users = try await User.query(on: req.db).filter(\.$countyCode == county.value).count()
            if user.userRole.can(.readAudit) {
                m.recent = try await AuditQuery.page(AuditFilter(counties: [county.value]), page: 1, per: 8, on: req.db).entries
            }
            m.inbox = try await Inbox.items(for: user, county: county, on: req.db)
            m.countyIsEmpty = try await CountyData.isEmpty(county, on: req.db)
        }
        if case .province(let province) = user.scope {
            m.province = try await ProvinceOverview.counties(in: province, on: req.db)
        }
        return m
    }

    static func countyChoices(_ req: Request, user: User) async throws -> [Division] {
        switch user.scope {
        case .county: return []
        case .province(let p): return try await DivisionQueries.counties(inProvince: p, on: req.db).filter(\.active)
        case .everything:
            // Counties that have users or villages, i.e. those run in this installation.
            let codes = try await User.query(on: req.db).filter(\.$countyCode != nil).all().compactMap(\.countyCode)
            let counties = Set(codes.compactMap { try? DivisionCode($0) }.filter { $0.level == .county }.map(\.value))
            return try await Division.query(on: req.db).filter(\.$id ~~ Array(counties)).sort(\.$id).all()
        }
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        let title = chrome.t("home.title", chrome.countyName ?? chrome.t("app.name"))
        return Layout.page(chrome, title: title) {
            el("p") { chrome.t("home.welcome", m.user.displayName, chrome.t(m.user.userRole.messageKey)) }
            if !m.inbox.isEmpty { HomeViews.inbox(chrome, m.inbox) }
            if let province = m.province { HomeViews.province(chrome, province.rows, withoutData: province.withoutData) }
            if !m.countyChoices.isEmpty { countySelector(chrome, m.countyChoices) }
            if m.county == nil && !m.countyChoices.isEmpty { el("p", ["class": "muted"]) { chrome.t("home.county.pick") } }
            if m.countyIsEmpty { HomeViews.emptyCounty(chrome, canImport: m.user.userRole.can(.importDivisions)) }
            if m.county != nil {
                el("div", ["class": "cards"]) {
                    Cards.figure("\(m.townships)", label: chrome.t("home.townships"), link: SiteURL.divisions.path)
                    Cards.figure("\(m.villages)", label: chrome.t("home.villages"), link: SiteURL.divisions.path)
                    if m.user.userRole.can(.manageUsers) { Cards.figure("\(m.users)", label: chrome.t("home.users"), link: SiteURL.users.path) }
                }
            }
            let shortcuts = Shortcut.forRole(m.user.userRole)
            if !shortcuts.isEmpty {
                el("div", ["class": "cards shortcuts"]) {
                    for s in shortcuts { el("a", ["class": "card primary", "href": s.path]) { el("span", ["class": "label"]) { chrome.t(s.key) } } }
                }
            }
            el("h2") { chrome.t("home.sections") }
            el("div", ["class": "cards"]) {
                for section in Section.visible(to: m.user.userRole) {
                    el("a", ["class": "card", "href": SiteURL.section(section).path]) { el("span", ["class": "label"]) { chrome.t(section.messageKey) } }
                }
            }
            if !m.recent.isEmpty {
                el("h2") { chrome.t("home.audit.recent") }
                AuditViews.table(chrome, m.recent)
            }
        }
    }

    static func countySelector(_ chrome: PageChrome, _ counties: [Division]) -> Node {
        el("form", ["method": "get", "action": SiteURL.selectCounty.path, "class": "filters"]) {
            el("div", ["class": "field"]) {
                el("label", ["for": "f-county"]) { chrome.t("division.level.county") }
                el("select", ["id": "f-county", "name": "county"]) {
                    for county in counties {
                        el("option", ["value": county.id ?? "", "selected": county.id == chrome.context.county?.value ? "" : nil]) { county.name }
                    }
                }
            }
            el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("common.filter") }
        }
    }
}
