import Accounts
import Audit
import Divisions
import Fluent
import Vapor
import XiangcunKit

struct HomeController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.home, use: home)
        routes.get(.selectCounty, use: selectCounty)
        // Programme and network have their own controllers.
        for section in Section.allCases where section != .programme && section != .network {
            routes.get(.section(section)) { req in try await self.sectionPage(req, section) }
        }
    }

    @Sendable func home(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let chrome = try await req.chrome()
        let county = req.context.county
        var townships = 0, villages = 0, users = 0
        var recent: [AuditEntry] = []
        if let county {
            townships = try await DivisionQueries.count(level: .township, inCounty: county, on: req.db)
            villages = try await DivisionQueries.count(level: .village, inCounty: county, on: req.db)
            users = try await User.query(on: req.db).filter(\.$countyCode == county.value).count()
            if user.userRole.can(.readAudit) {
                recent = try await AuditQuery.page(AuditFilter(counties: [county.value]), page: 1, per: 8, on: req.db).entries
            }
        }
        let choices = try await countyChoices(req, user: user)
        let title = chrome.t("home.title", chrome.countyName ?? chrome.t("app.name"))
        return .html(Layout.page(chrome, title: title) {
            el("p") { chrome.t("home.welcome", user.displayName, chrome.t(user.userRole.messageKey)) }
            if !choices.isEmpty { countySelector(chrome, choices) }
            if county != nil {
                el("div", ["class": "cards"]) {
                    card(chrome.t("home.townships"), townships, link: SiteURL.divisions.path)
                    card(chrome.t("home.villages"), villages, link: SiteURL.divisions.path)
                    if user.userRole.can(.manageUsers) { card(chrome.t("home.users"), users, link: SiteURL.users.path) }
                }
            }
            el("h2") { chrome.t("home.sections") }
            el("div", ["class": "cards"]) {
                for section in Section.allCases {
                    el("a", ["class": "card", "href": SiteURL.section(section).path]) { el("span", ["class": "label"]) { chrome.t(section.messageKey) } }
                }
            }
            if !recent.isEmpty {
                el("h2") { chrome.t("home.audit.recent") }
                AuditViews.table(chrome, recent)
            }
        })
    }

    func card(_ label: String, _ value: Int, link: String) -> Node {
        el("a", ["class": "card", "href": link]) {
            el("div", ["class": "num"]) { "\(value)" }
            el("div", ["class": "label"]) { label }
        }
    }

    /// Counties a province viewer or system administrator may switch between.
    func countyChoices(_ req: Request, user: User) async throws -> [Division] {
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

    func countySelector(_ chrome: PageChrome, _ counties: [Division]) -> Node {
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

    /// Remembers the county a province viewer or system administrator looks at.
    @Sendable func selectCounty(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let text = req.query[String.self, at: "county"], let code = try? DivisionCode(text), code.level == .county,
              user.scope.contains(code), try await Division.find(code.value, on: req.db) != nil else { throw Abort(.notFound) }
        let response = req.redirect(to: SiteURL.home.path)
        response.cookies[Cookies.county] = HTTPCookies.Value(string: code.value, maxAge: 365 * 86400, path: "/",
            isSecure: req.application.settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    func sectionPage(_ req: Request, _ section: Section) async throws -> Response {
        _ = try req.requireUser()
        let chrome = try await req.chrome()
        return .html(Layout.page(chrome, title: chrome.t("section.pending.title", chrome.t(section.messageKey))) {
            el("div", ["class": "panel"]) { el("p") { chrome.t("section.pending") } }
        })
    }
}
