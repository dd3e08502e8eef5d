import CommerceCore
import Programme
import Vapor
import XiangcunKit

/// Page parts shared by the training, live-commerce and assistance pages.
enum CommerceViews {
    /// One field of a ledger form: name, label key, input type (or select options).
    struct FieldSpec {
        var name: String
        var label: String
        var type = "text"
        var required = false
        var options: [(String, String)]? = nil
        var hint: String? = nil
    }

    static func subnav(_ chrome: PageChrome, _ section: Section, current: String) -> Node {
        let items: [(String, String)]
        switch section {
        case .training: items = [(SiteURL.section(.training).path, "training.overview"), (SiteURL.commerce(.sessionNew).path, "training.session.new")]
        case .live: items = [(SiteURL.section(.live).path, "live.overview"), (SiteURL.commerce(.liveEvents).path, "live.events"),
                             (SiteURL.commerce(.liveAnchors).path, "live.anchors"), (SiteURL.commerce(.places).path, "places.title")]
        default: items = [(SiteURL.section(.poverty).path, "assistance.title")]
        }
        return el("nav", ["class": "subnav", "aria-label": chrome.t("nav.\(section.rawValue)")]) {
            for (href, key) in items { el("a", ["href": href, "aria-current": href == current ? "page" : nil]) { chrome.t(key) } }
        }
    }

    /// A form in a panel: title, error summary, the fields, a submit button.
    static func form(_ chrome: PageChrome, action: String, title: String, _ form: FormState, fields: [FieldSpec], submit: String = "common.save") -> Node {
        el("form", ["method": "post", "action": action, "class": "panel"]) {
            el("h2") { title }
            Layout.csrfField(chrome.context)
            Forms.errorSummary(chrome, form, fields: fields.map { (name: $0.name, label: $0.label) })
            for f in fields { field(chrome, form, f) }
            el("button", ["type": "submit", "class": "btn"]) { chrome.t(submit) }
        }
    }

    static func field(_ chrome: PageChrome, _ form: FormState, _ f: FieldSpec) -> Node {
        if let options = f.options { return Forms.select(chrome, form, name: f.name, label: f.label, options: options) }
        if f.type == "checkbox" {
            return el("div", ["class": "field check"]) {
                el("label") { el("input", ["type": "checkbox", "name": f.name, "value": "on", "checked": form[f.name] == "on" ? "" : nil]); f.label }
            }
        }
        return Forms.field(chrome, form, name: f.name, label: f.label, type: f.type, required: f.required, hint: f.hint)
    }

    /// A table with a header of message keys (stacked on a phone).
    static func table(_ chrome: PageChrome, headers: [String], @NodeBuilder rows: () -> [Node]) -> Node {
        let body = rows()
        return el("div", ["class": "table-wrap"]) { el("table", ["class": "stack"]) {
            el("thead") { el("tr") { for key in headers { el("th") { chrome.t(key) } } } }
            el("tbody") { body }
        } }
    }

    /// Links to a record's evidence files and, for those who may add one, a one-line upload form.
    static func evidence(_ chrome: PageChrome, _ files: [EvidenceRecord], upload action: String?) -> Node {
        el("div") {
            for e in files { el("a", ["href": SiteURL.evidence(e.id ?? UUID()).path]) { e.filename }; " " }
            if let action {
                Forms.uploadForm(chrome, action: action, class: "inline") {
                    el("input", ["type": "file", "name": "file", "accept": Evidence.contentTypes.joined(separator: ","), "required": "",
                                 "aria-label": chrome.t("training.evidence.file")])
                    el("button", ["type": "submit", "class": "btn secondary"]) { chrome.t("training.evidence.upload") }
                }
            }
        }
    }

    static func sampleTag(_ chrome: PageChrome, _ sample: Bool) -> Node {
        sample ? el("span", ["class": "tag"]) { chrome.t("commerce.sample") } : .raw("")
    }

    static func percent(_ value: Decimal?) -> String {
        guard let value else { return "—" }
        return "\(value)%"
    }

    static func yuan(_ fen: Int64) -> String { Money(fen: fen).yuanText }
    static func wanYuan(_ fen: Int64) -> String { Money(fen: fen).wanYuanText }

    static func options<T: CaseIterable & RawRepresentable>(_ chrome: PageChrome, _ type: T.Type, key: (T) -> String) -> [(String, String)] where T.RawValue == String {
        type.allCases.map { ($0.rawValue, chrome.t(key($0))) }
    }

    /// The form's fields as posted (strings), for re-showing a refused form.
    static func posted(_ req: Request, _ names: [String]) -> FormState {
        FormState(values: Dictionary(uniqueKeysWithValues: names.map { ($0, (try? req.content.get(String.self, at: $0)) ?? "") }))
    }
}
