import Foundation
import NetworkCore
import ServiceNetwork
import XiangcunKit

/// Small view helpers shared by the network pages.
enum NetworkViews {
    static func statusTag(_ chrome: PageChrome, _ status: FacilityStatus) -> Node {
        let cls: String
        switch status {
        case .operating: cls = "tag"
        case .planned, .underConstruction: cls = "tag muted-tag"
        case .suspended, .closed: cls = "tag off"
        }
        return el("span", ["class": cls]) { chrome.t(status.messageKey) }
    }

    static func checkbox(_ name: String, label: String, checked: Bool, disabled: Bool = false) -> Node {
        el("div", ["class": "field check"]) {
            el("label", ["for": "f-" + name]) {
                el("input", ["id": "f-" + name, "type": "checkbox", "name": name, "value": "1", "checked": checked ? "" : nil, "disabled": disabled ? "" : nil])
                " " + label
            }
        }
    }

    static func textarea(_ chrome: PageChrome, _ form: FormState, name: String, label: String, hint: String? = nil) -> Node {
        let error = form.errors[name]
        return el("div", ["class": error == nil ? "field" : "field invalid"]) {
            el("label", ["for": "f-" + name]) { label }
            el("textarea", ["id": "f-" + name, "name": name, "rows": "3"]) { form[name] }
            if let hint { el("small", ["class": "hint"]) { hint } }
            if let error { el("p", ["class": "error"]) { chrome.t(error) } }
        }
    }

    /// A number field that opens the numeric keypad on phones.
    static func number(_ chrome: PageChrome, _ form: FormState, name: String, label: String, decimal: Bool = false, required: Bool = false) -> Node {
        let error = form.errors[name]
        return el("div", ["class": error == nil ? "field" : "field invalid"]) {
            el("label", ["for": "f-" + name]) { label }
            el("input", ["id": "f-" + name, "name": name, "type": "text", "inputmode": decimal ? "decimal" : "numeric",
                         "pattern": decimal ? "[0-9]*([.][0-9]{0,2})?" : "[0-9]*", "value": form[name], "required": required ? "" : nil,
                         "autocomplete": "off", "aria-invalid": error == nil ? nil : "true"])
            if let error { el("p", ["class": "error"]) { chrome.t(error) } }
        }
    }

    /// The network's own menu; station operators have one station and no menu.
    static func subnav(_ chrome: PageChrome, _ viewer: NetworkViewer, current: String) -> Node {
        guard !viewer.isOperator else { return .raw("") }
        var items: [(String, String)] = [(SiteURL.section(.network).path, "network.overview"), (SiteURL.networkFacilities.path, "network.facilities"),
                                         (SiteURL.networkMap.path, "network.map"), (SiteURL.networkReporting.path, "network.reporting"),
                                         (SiteURL.networkServices.path, "network.services")]
        if viewer.canManage { items.append((SiteURL.networkImport.path, "network.import")) }
        return el("nav", ["class": "subnav", "aria-label": chrome.t("network.title")]) {
            for (href, key) in items {
                el("a", ["href": href, "aria-current": href == current ? "page" : nil]) { chrome.t(key) }
            }
        }
    }

    static func serviceNames(_ codes: [String], catalogue: [(code: String, zh: String, en: String, custom: Bool)], language: Language) -> String {
        codes.map { code in catalogue.first { $0.code == code }.map { language == .zh ? $0.zh : $0.en } ?? code }.joined(separator: "、")
    }

    static func issues(_ chrome: PageChrome, _ list: [ImportIssue]) -> Node {
        el("ul", ["class": "error"]) { for i in list.prefix(200) { el("li") { i.text(chrome.context.language) } } }
    }

    /// One line of a facts list; an empty value shows as "—".
    static func fact(_ label: String, _ value: String) -> Node {
        el("div") { el("dt") { label }; el("dd") { value.isEmpty ? "—" : value } }
    }

    /// "乡镇 村" for a village, the unit's name otherwise.
    static func divisionLabel(_ code: String, _ names: [String: String]) -> String {
        guard let c = try? DivisionCode(code) else { return code }
        if c.level == .village, let parent = c.parent { return (names[parent.value] ?? "") + " " + (names[code] ?? code) }
        return names[code] ?? code
    }

    /// "a、b、c" as links to the stations, for lists of missing or late stations and the like.
    static func stationLinks(_ stations: [(id: UUID, name: String)]) -> [Node] {
        var nodes: [Node] = []
        for (i, s) in stations.enumerated() {
            if i > 0 { nodes.append(.text("、")) }
            nodes.append(el("a", ["href": SiteURL.networkFacility(s.id).path]) { s.name })
        }
        return nodes
    }
}
