import Accounts
import XiangcunKit

/// What every page needs besides its own content.
struct PageChrome: Sendable {
    var context: RequestContext
    var path: String
    /// "浙江省丽水市遂昌县" for the county in view.
    var countyName: String?
    var flash: String?

    func t(_ key: String, _ args: String...) -> String { Catalogue.text(key, context.language, args) }
}

enum Layout {
    static func page(_ chrome: PageChrome, title: String, @NodeBuilder content: () -> [Node]) -> String {
        let ctx = chrome.context
        let body = content()
        let doc = el("html", ["lang": ctx.language.htmlTag]) {
            el("head") {
                el("meta", ["charset": "utf-8"])
                el("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
                el("title") { title + " · " + chrome.t("app.name") }
                el("link", ["rel": "stylesheet", "href": SiteURL.asset("app.css").path])
                el("script", ["src": SiteURL.asset("app.js").path, "defer": ""])
            }
            el("body") {
                el("a", ["class": "skip", "href": "#main"]) { chrome.t("nav.skip") }
                header(chrome)
                el("div", ["class": "shell"]) {
                    if ctx.user != nil { navigation(chrome) }
                    el("main", ["id": "main"]) {
                        if let flash = chrome.flashText { el("p", ["class": "flash", "role": "status"]) { flash } }
                        el("h1") { title }
                        body
                    }
                }
                el("footer") { chrome.t("footer.text") + " · " + XiangcunVersion.current }
            }
        }
        return "<!doctype html>\n" + doc.html
    }

    static func header(_ chrome: PageChrome) -> Node {
        let ctx = chrome.context
        let other: Language = ctx.language == .zh ? .en : .zh
        return el("header", ["class": "top"]) {
            el("a", ["class": "brand", "href": SiteURL.home.path]) {
                el("strong") { chrome.t("app.name") }
                el("span", ["class": "county"]) { chrome.countyName ?? chrome.t("app.tagline") }
            }
            el("div", ["class": "top-actions"]) {
                el("a", ["href": SiteURL.language(other.rawValue).path + "?back=" + chrome.path, "lang": other.htmlTag, "class": "lang"]) {
                    chrome.t("nav.language.switch")
                }
                if let user = ctx.user {
                    el("span", ["class": "who"]) { user.displayName }
                    el("form", ["method": "post", "action": SiteURL.logout.path, "class": "inline"]) {
                        csrfField(ctx)
                        el("button", ["type": "submit", "class": "link"]) { chrome.t("nav.signout") }
                    }
                }
            }
        }
    }

    static func navigation(_ chrome: PageChrome) -> Node {
        let role = chrome.context.role
        var items: [(SiteURL, String)] = [(.home, "nav.home")]
        items += Section.visible(to: role).map { (.section($0), $0.messageKey) }
        if let county = chrome.context.county { items.append((.disclosure(county.short), "nav.disclosure")) }
        items.append((.divisions, "nav.divisions"))
        if role?.can(.manageUsers) == true { items.append((.users, "nav.users")) }
        if role?.can(.readAudit) == true { items.append((.audit, "nav.audit")) }
        if role?.can(.manageTokens) == true { items.append((.tokens, "nav.tokens")) }
        return el("nav", ["class": "side", "aria-label": chrome.t("nav.menu")]) {
            el("details", ["class": "menu", "open": ""]) {
                el("summary") { chrome.t("nav.menu") }
                el("ul") {
                    for (url, key) in items {
                        let current = url.path == chrome.path || (url.path != "/" && chrome.path.hasPrefix(url.path + "/"))
                        el("li") { el("a", ["href": url.path, "aria-current": current ? "page" : nil]) { chrome.t(key) } }
                    }
                }
            }
        }
    }

    static func csrfField(_ ctx: RequestContext) -> Node {
        el("input", ["type": "hidden", "name": CSRFMiddleware.field, "value": ctx.session?.csrfToken ?? ""])
    }
}
