import Vapor
import Foundation
import XiangcunKit

/// A form's submitted values and its field errors, so a rejected form is shown again as typed.
struct FormState: Sendable {
    var values: [String: String] = [:]
    var errors: [String: String] = [:]

    subscript(_ field: String) -> String { values[field] ?? "" }
}

enum Forms {
    static func field(_ chrome: PageChrome, _ form: FormState, name: String, label: String, type: String = "text",
                      required: Bool = false, autocomplete: String? = nil, hint: String? = nil) -> Node {
        let error = form.errors[name]
        let id = "f-" + name
        return el("div", ["class": error == nil ? "field" : "field invalid"]) {
            el("label", ["for": id]) { label }
            el("input", ["id": id, "name": name, "type": type, "value": type == "password" ? nil : form[name],
                         "required": required ? "" : nil, "autocomplete": autocomplete,
                         "aria-invalid": error == nil ? nil : "true", "aria-describedby": error == nil ? nil : id + "-error"])
            if let hint { el("small", ["class": "hint"]) { hint } }
            if let error { el("p", ["class": "error", "id": id + "-error"]) { chrome.t(error) } }
        }
    }

    static func select(_ chrome: PageChrome, _ form: FormState, name: String, label: String, options: [(String, String)]) -> Node {
        let error = form.errors[name]
        return el("div", ["class": error == nil ? "field" : "field invalid"]) {
            el("label", ["for": "f-" + name]) { label }
            el("select", ["id": "f-" + name, "name": name]) {
                for (value, text) in options {
                    el("option", ["value": value, "selected": form[name] == value ? "" : nil]) { text }
                }
            }
            if let error { el("p", ["class": "error"]) { chrome.t(error) } }
        }
    }

    /// The file field of an upload form (imports, photos, evidence): one look and one set of
    /// attributes everywhere. `accept` lists the types the server takes (it checks the bytes);
    /// `capture` ("environment") lets a phone take the picture with its camera.
    static func file(_ chrome: PageChrome, _ form: FormState, name: String = "file", label: String, accept: String, capture: String? = nil,
                     required: Bool = true, hint: String? = nil, id: String? = nil) -> Node {
        let error = form.errors[name]
        let id = id ?? "f-" + name
        return el("div", ["class": error == nil ? "field" : "field invalid"]) {
            el("label", ["for": id]) { label }
            el("input", ["id": id, "type": "file", "name": name, "accept": accept, "capture": capture, "required": required ? "" : nil,
                         "aria-invalid": error == nil ? nil : "true"])
            if let hint { el("small", ["class": "hint"]) { hint } }
            if let error { el("p", ["class": "error"]) { chrome.t(error) } }
        }
    }

    /// The opening of an upload form: multipart, posted to `action`, with the CSRF field
    /// (`class: nil` for a form inside another panel).
    static func uploadForm(_ chrome: PageChrome, action: String, class className: String? = "panel", @NodeBuilder content: () -> [Node]) -> Node {
        let body = content()
        return el("form", ["method": "post", "action": action, "enctype": "multipart/form-data", "class": className]) {
            Layout.csrfField(chrome.context)
            body
        }
    }

    /// Every error of the form at once, at the top where the eye is, each a link to its field.
    /// `fields` lists the form's fields in order with their labels, so the summary reads like the
    /// form; errors of fields not listed follow, by name. The script focuses the summary.
    static func errorSummary(_ chrome: PageChrome, _ form: FormState, fields: [(name: String, label: String)] = []) -> Node {
        guard !form.errors.isEmpty else { return .raw("") }
        let listed = fields.filter { form.errors[$0.name] != nil }
        let others = form.errors.keys.filter { name in !fields.contains { $0.name == name } }.sorted().map { (name: $0, label: "") }
        return el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"]) {
            el("p") { chrome.t("error.form") }
            el("ul") {
                for field in listed + others {
                    el("li") { el("a", ["href": "#f-" + field.name]) { (field.label.isEmpty ? "" : field.label + "：") + chrome.t(form.errors[field.name] ?? "") } }
                }
            }
        }
    }
}

/// Page numbers for long lists.
struct Pagination: Sendable {
    var page: Int
    var per: Int
    var total: Int

    /// The `page` query parameter, kept within 1…100,000 so that offsets never overflow.
    static func page(_ req: Request) -> Int {
        min(100_000, max(1, req.query[Int.self, at: "page"] ?? 1))
    }

    var pages: Int { max(1, (total + per - 1) / per) }

    func links(_ chrome: PageChrome, base: String, query: [(String, String)]) -> Node {
        let keep = query.filter { !$0.1.isEmpty }.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        func href(_ p: Int) -> String { base + "?" + (keep + ["page=\(p)"]).joined(separator: "&") }
        return el("nav", ["class": "pager", "aria-label": chrome.t("common.page", "\(page)")]) {
            el("span") { chrome.t("common.total", "\(total)") + " · " + chrome.t("common.page", "\(page)") + " / \(pages)" }
            if page > 1 { el("a", ["href": href(page - 1), "rel": "prev"]) { chrome.t("common.previous") } }
            if page < pages { el("a", ["href": href(page + 1), "rel": "next"]) { chrome.t("common.next") } }
        }
    }
}
