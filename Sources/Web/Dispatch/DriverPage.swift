import Accounts
import CountyDispatch
import DispatchCore
import Vapor
import XiangcunKit

/// 司机任务 — the signed-in driver's stops today, in order, with a button per mark. Marks are
/// queued on the phone (localStorage) and sent by `driver.js`; a dropped connection only delays
/// them, and a resend is recognised by the mark's id.
enum DriverPage {
    struct Model: Sendable {
        var day: Day
        var today: DriverMarks.DriverDay
    }

    static func load(_ req: Request) async throws -> Model {
        let user = try req.require(.driveRoutes)
        let day = Day.today()
        return Model(day: day, today: try await DriverMarks.today(driver: user, county: try req.requireCounty(), day: day, on: req.db))
    }

    static func view(_ chrome: PageChrome, _ m: Model) -> String {
        Layout.page(chrome, title: chrome.t("dispatch.driver.title")) {
            DispatchViews.stylesheet
            if let v = m.today.vehicle {
                el("p") { chrome.t("dispatch.driver.vehicle", v.name, m.day.chinese) }
            } else {
                el("p", ["class": "panel"]) { chrome.t("dispatch.driver.noVehicle") }
            }
            if m.today.vehicle != nil && m.today.stops.isEmpty { el("p", ["class": "panel"]) { chrome.t("dispatch.driver.noStops") } }
            el("p", ["id": "sync-status", "class": "sync", "role": "status", "aria-live": "polite"]) { chrome.t("dispatch.driver.synced") }
            el("ol", ["class": "driver-stops", "id": "driver-stops", "data-endpoint": SiteURL.dispatch(.driverMarks).path,
                      "data-csrf": chrome.context.session?.csrfToken ?? "", "data-pending": chrome.t("dispatch.driver.pending"),
                      "data-synced": chrome.t("dispatch.driver.synced"), "data-offline": chrome.t("dispatch.driver.offline"),
                      "data-rejected": chrome.t("dispatch.driver.rejected")]) {
                for s in m.today.stops { stop(chrome, s) }
            }
            el("script", ["src": SiteURL.dispatch(.driverScript).path, "defer": ""])
        }
    }

    static func stop(_ chrome: PageChrome, _ s: DriverMarks.Stop) -> Node {
        el("li", ["class": "driver-stop", "id": "stop-\(s.id.uuidString)"]) {
            el("div", ["class": "stop-head"]) {
                el("strong") { "\(s.seq). " + s.name }
                el("span", ["class": "muted"]) { chrome.t("dispatch.driver.eta", DispatchViews.clock(s.arrival)) + (s.trip > 0 ? " · " + chrome.t("dispatch.driver.trip", "\(s.trip + 1)") : "") }
            }
            el("p", ["class": "stop-load"]) { chrome.t("dispatch.driver.load", "\(s.deliverParcels)", "\(s.collectParcels)") }
            el("div", ["class": "stop-actions"]) {
                for kind in StopMarkKind.allCases {
                    let done = s.marks[kind]
                    el("button", ["type": "button", "class": done == nil ? "btn secondary mark" : "btn mark done", "data-stop": s.id.uuidString,
                                  "data-kind": kind.rawValue, "aria-pressed": done == nil ? "false" : "true"]) {
                        chrome.t(kind.messageKey) + (done.map { " ✓ " + Beijing.format($0, pattern: "HH:mm") } ?? "")
                    }
                }
            }
        }
    }
}
