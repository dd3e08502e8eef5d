import Vapor

struct ErrorPage {
    var status: HTTPResponseStatus
    var csrf: Bool

    func render(_ context: RequestContext) -> String {
        let chrome = PageChrome(context: context, path: "")
        let code = [400, 403, 404, 413].contains(Int(status.code)) ? Int(status.code) : (status.code >= 500 ? 500 : 400)
        let text = csrf ? chrome.t("error.csrf") : chrome.t("error.\(code).text")
        return Layout.page(chrome, title: "\(status.code) · " + chrome.t("error.\(code).title")) {
            el("p") { text }
            el("p") { el("a", ["href": SiteURL.home.path]) { chrome.t("nav.home") } }
        }
    }
}
