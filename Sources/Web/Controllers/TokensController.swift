import Accounts
import Vapor
import XiangcunKit

struct TokensController {
    func register(_ routes: any RoutesBuilder) {
        routes.get("tokens", use: index)
        routes.post("tokens", use: create)
        routes.post("tokens", ":id", "revoke", use: revoke)
    }

    @Sendable func index(_ req: Request) async throws -> Response {
        try await render(req, created: nil, form: FormState(values: ["scopes": "read"]), status: .ok)
    }

    func render(_ req: Request, created: String?, form: FormState, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.require(.manageTokens)
        let tokens = try await Tokens.list(for: user, on: req.db)
        let chrome = try await req.chrome()
        return .html(Layout.page(chrome, title: chrome.t("tokens.title")) {
            if let created {
                el("div", ["class": "panel"]) { el("p") { chrome.t("tokens.shown.once") }; el("pre", ["class": "token"]) { created } }
            }
            el("form", ["method": "post", "action": SiteURL.tokens.path, "class": "panel"]) {
                Layout.csrfField(req.context)
                Forms.errorSummary(chrome, form)
                Forms.field(chrome, form, name: "name", label: chrome.t("tokens.name"), required: true)
                Forms.select(chrome, form, name: "scopes", label: chrome.t("tokens.scopes"),
                             options: [("read", chrome.t("scope.read")), ("read write", chrome.t("scope.write"))])
                el("button", ["type": "submit", "class": "btn"]) { chrome.t("tokens.new") }
            }
            el("div", ["class": "table-wrap"]) { el("table") {
                el("thead") { el("tr") { for key in ["tokens.name", "tokens.scopes", "tokens.created", "tokens.lastUsed", "common.status", "common.actions"] { el("th") { chrome.t(key) } } } }
                el("tbody") {
                    for token in tokens {
                        el("tr") {
                            el("td") { token.name }
                            el("td") { token.scopes }
                            el("td") { Beijing.format(token.createdAt) }
                            el("td") { Beijing.format(token.lastUsedAt) }
                            el("td") { token.revokedAt == nil ? chrome.t("common.active") : chrome.t("tokens.revoked") }
                            el("td") {
                                if token.revokedAt == nil {
                                    el("form", ["method": "post", "action": SiteURL.tokenRevoke(token.id ?? UUID()).path, "class": "inline"]) {
                                        Layout.csrfField(req.context)
                                        el("button", ["type": "submit", "class": "btn secondary", "data-confirm": chrome.t("tokens.revoke") + "?"]) { chrome.t("tokens.revoke") }
                                    }
                                }
                            }
                        }
                    }
                }
            } }
        }, status: status)
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        let user = try req.require(.manageTokens)
        let name = (try? req.content.get(String.self, at: "name")) ?? ""
        let scopeText = (try? req.content.get(String.self, at: "scopes")) ?? ""
        let scopes = scopeText.split(separator: " ").compactMap { TokenScope(rawValue: String($0)) }
        do {
            let (_, plain) = try await Tokens.create(for: user, name: name, scopes: scopes, actor: req.actor, on: req.db)
            return try await render(req, created: plain, form: FormState(values: ["scopes": "read"]), status: .created)
        } catch let failure as ValidationFailure {
            return try await render(req, created: nil, form: FormState(values: ["name": name, "scopes": scopeText], errors: failure.fields), status: .unprocessableEntity)
        }
    }

    /// Only the owner revokes a token; someone else's token id is simply not found.
    @Sendable func revoke(_ req: Request) async throws -> Response {
        let user = try req.require(.manageTokens)
        guard let id = req.parameters.get("id", as: UUID.self), let token = try await APIToken.find(id, on: req.db),
              token.userID == user.id else { throw Abort(.notFound) }
        try await Tokens.revoke(token, owner: user, actor: req.actor, on: req.db)
        return req.redirect(to: SiteURL.tokens.path + "?flash=common.saved")
    }
}
