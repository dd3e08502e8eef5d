import Foundation
import Logistics
import LogisticsCore
import XiangcunKit

/// View helpers shared by the logistics pages.
enum LogisticsViews {
    static func subnav(_ chrome: PageChrome, _ viewer: LogisticsViewer, current: String) -> Node {
        var items: [(String, String)] = [(SiteURL.section(.logistics).path, "logistics.home")]
        if !viewer.scanKinds.isEmpty { items.append((SiteURL.logistics(.scan).path, "logistics.scan")) }
        if viewer.isOperator { items.append((SiteURL.logistics(.station).path, "logistics.station")) }
        if viewer.readsCounty || viewer.isOperator { items.append((SiteURL.logistics(.parcels).path, "logistics.parcels")) }
        if viewer.handles {
            items.append((SiteURL.logistics(.exceptions).path, "logistics.exceptions"))
            items.append((SiteURL.logistics(.manifest).path, "logistics.manifest"))
        }
        if viewer.readsCounty {
            items.append((SiteURL.logistics(.stats).path, "logistics.stats"))
            items.append((SiteURL.logistics(.carriers).path, "logistics.carriers"))
        }
        return el("nav", ["class": "subnav", "aria-label": chrome.t("logistics.title")]) {
            for (href, key) in items { el("a", ["href": href, "aria-current": href == current ? "page" : nil]) { chrome.t(key) } }
        }
    }

    /// "张三" → "张*": enough for an operator to recognise, not enough to identify.
    static func maskName(_ name: String) -> String {
        guard let first = name.first else { return "" }
        return String(first) + String(repeating: "*", count: max(1, name.count - 1))
    }

    static func statusTag(_ chrome: PageChrome, _ status: String) -> Node {
        let bad = ["returned", "lost"].contains(status)
        return el("span", ["class": bad ? "tag off" : "tag"]) { chrome.t("logistics.scan.\(status)") }
    }

    static func grams(_ g: Int) -> String { String(format: "%.1f", Double(g) / 1000) }

    static func percent(basisPoints: Int?) -> String { basisPoints.map { String(format: "%.1f%%", Double($0) / 100) } ?? "—" }
}
