import Accounts
import CountyDispatch
import DispatchCore
import Vapor
import XiangcunKit

/// Who is looking at dispatch: planners (county administrators) change vehicles, routes and
/// plans; readers see plans and manifests; drivers see only their own stops.
struct DispatchViewer: Sendable {
    let user: User
    let county: DivisionCode
    var canPlan: Bool { user.userRole.can(.planDispatch) }
}

extension Request {
    /// A reader of the county's plans (drivers are sent to their page by the controller).
    func dispatchViewer() throws -> DispatchViewer {
        let user = try require(.readDispatch)
        return DispatchViewer(user: user, county: try requireCounty())
    }

    func dispatchPlanner() throws -> DispatchViewer {
        let user = try require(.planDispatch)
        return DispatchViewer(user: user, county: try requireCounty())
    }

    /// A plan of the county in view, or 404 (another county's plan is simply not found).
    func visiblePlan(_ viewer: DispatchViewer) async throws -> StoredPlan {
        guard let id = parameters.get("id", as: UUID.self),
              let record = try await DispatchQueries.plan(id, county: viewer.county, on: db),
              let day = Day(record.day), let stored = try await DispatchPlanning.load(county: viewer.county, day: day, on: db) else {
            throw Abort(.notFound)
        }
        return stored
    }
}

/// Shared parts of the dispatch pages.
enum DispatchViews {
    static func subnav(_ chrome: PageChrome, _ viewer: DispatchViewer, current: String) -> Node {
        var items: [(String, String)] = [(SiteURL.section(.routing).path, "dispatch.overview")]
        if viewer.canPlan {
            items += [(SiteURL.dispatch(.vehicles).path, "dispatch.vehicles"), (SiteURL.dispatch(.fixedRoutes).path, "dispatch.fixedRoutes"),
                      (SiteURL.dispatch(.frequencies).path, "dispatch.frequencies"), (SiteURL.dispatch(.settings).path, "dispatch.settings")]
        }
        return el("nav", ["class": "subnav", "aria-label": chrome.t("dispatch.title")]) {
            for (href, key) in items { el("a", ["href": href, "aria-current": href == current ? "page" : nil]) { chrome.t(key) } }
        }
    }

    /// The page's own stylesheet (print layout of manifests, the driver's list): CSP allows only
    /// files from the site, so it is a file, linked from the page body.
    static var stylesheet: Node { el("link", ["rel": "stylesheet", "href": SiteURL.dispatch(.stylesheet).path]) }

    static func km(_ metres: Int) -> String { PlanComparison.km(metres) }
    static func clock(_ seconds: Int) -> String { DispatchImports.clock(seconds) }

    /// The plan against the fixed routes: three cards and the saving.
    static func comparison(_ chrome: PageChrome, _ c: PlanComparison, vehicles: Int) -> Node {
        el("div", ["class": "cards"]) {
            Cards.figure(km(c.planMetres), label: chrome.t("dispatch.plan.distanceKm"),
                         sub: chrome.t("dispatch.fixed.was", chrome.t("dispatch.km", km(c.fixedMetres))))
            Cards.figure("¥" + c.planCost.yuanText, label: chrome.t("dispatch.plan.cost"), sub: chrome.t("dispatch.fixed.was", "¥" + c.fixedCost.yuanText))
            Cards.figure("¥" + c.savingCost.yuanText, label: chrome.t("dispatch.saving"),
                         sub: chrome.t("dispatch.saving.detail", chrome.t("dispatch.km", km(c.savingMetres)), c.savingRate?.percentText ?? "—"),
                         warn: c.savingCost.fen < 0)
            Cards.figure("\(vehicles)", label: chrome.t("dispatch.vehiclesUsed"))
        }
    }
}
