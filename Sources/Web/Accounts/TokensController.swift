import Accounts
import Vapor
import XiangcunKit

/// Routes of the API tokens page: the page, and the forms that create and revoke a token.
struct TokensController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.tokens) { req in try await Self.render(req, try await TokensPage.load(req)) }
        routes.post(.tokens, use: create)
        routes.post(.tokenRevoke(Placeholder.id), use: revoke)
    }

    static func render(_ req: Request, _ model: TokensPage.Model, status: HTTPResponseStatus = .ok) async throws -> Response {
        .html(TokensPage.view(try await req.chrome(), model), status: status)
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        let user = try req.require(.manageTokens)
        let name = (try? req.content.get(String.self, at: "name")) ?? ""
        let scopeText = (try? req.content.get(String.self, at: "scopes")) ?? ""
        let scopes = scopeText.split(separator: " ").compactMap { TokenScope(rawValue: String($0)) }
        do {
            let (_, plain) = try await Tokens.create(for: user, name: name, scopes: scopes, actor: req.actor, on: req.db)
            return try await Self.render(req, try await TokensPage.load(req, created: plain), status: .created)
        } catch let failure as ValidationFailure {
            let form = FormState(values: ["name": name, "scopes": scopeText], errors: failure.fields)
            return try await Self.render(req, try await TokensPage.load(req, form: form), status: .unprocessableEntity)
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
