import Accounts
import Vapor
import XiangcunKit

enum Cookies {
    static let session = "xc_session"
    static let language = "xc_lang"
    static let county = "xc_county"
    static let loginCSRF = "xc_login_csrf"
}

/// Finds the language, the signed-in user and the county in view.
///
/// A bearer token authenticates only under `/api/`; everywhere else the header is ignored, so
/// the form routes are reachable only with a session and its CSRF token. A token without the
/// write scope is refused here for every write, so no route can forget to check it.
struct ContextMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var context = RequestContext(language: Self.language(of: request))
        if request.isAPI { try APIStrictness.checkQueryEncoding(request) }
        if request.isAPI, let bearer = request.headers.bearerAuthorization?.token {
            guard let (token, user) = try await Tokens.resolve(bearer: bearer, on: request.db) else {
                throw Abort(.unauthorized, reason: "invalid or revoked API token")
            }
            if request.isWrite && !token.scopeList.contains(.write) {
                throw Abort(.forbidden, reason: "token lacks the write scope")
            }
            context.user = user
            context.token = token
        } else if let cookie = request.cookies[Cookies.session]?.string,
                  let (session, user) = try await SignIn.resolve(sessionToken: cookie, on: request.db) {
            context.user = user
            context.session = session
        }
        if request.isAPI, let user = context.user { try Self.checkAPICounty(request, user: user) }
        context.county = Self.county(for: context.user, request: request)
        request.context = context
        return try await next.respond(to: request)
    }

    /// Simplified Chinese unless the user chose English (remembered in a cookie). The browser's
    /// Accept-Language is not used: county offices often run English-language systems.
    static func language(of request: Request) -> Language {
        if let chosen = request.cookies[Cookies.language]?.string, let language = Language(rawValue: chosen) { return language }
        return .zh
    }

    /// An API call's `county=` must name a county inside the caller's scope: a malformed value is
    /// a 400 naming it, a county outside the scope answers 404 like any other county's record —
    /// never silently ignored (a county user sending another county must not get its own data
    /// back as if it were the other's).
    static func checkAPICounty(_ request: Request, user: User) throws {
        guard let text = request.query[String.self, at: "county"] else { return }
        // A method the path does not have is answered by the router (405 with Allow), whatever the query.
        guard MethodNotAllowed.allowed(for: request.url.path, in: request.application.routes.all).contains(request.method) else { return }
        guard let code = try? DivisionCode(text), code.level == .county else {
            throw Abort(.badRequest, reason: "county: a county division code (6 or 12 digits)")
        }
        guard user.scope.contains(code) else { throw Abort(.notFound, reason: "county: not found") }
    }

    /// County users always see their county; others may pick one inside their scope
    /// (query `county=` for the API, a cookie for pages).
    static func county(for user: User?, request: Request) -> DivisionCode? {
        guard let user else { return nil }
        if case .county(let own) = user.scope { return own }
        let chosen = request.query[String.self, at: "county"] ?? request.cookies[Cookies.county]?.string
        guard let text = chosen, let code = try? DivisionCode(text), code.level == .county, user.scope.contains(code) else { return nil }
        return code
    }
}

/// Requires a signed-in user: browsers go to the login form, API clients get 401.
struct RequireUserMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.context.user != nil else {
            if request.isAPI || request.method != .GET { throw Abort(.unauthorized) }
            let back = request.url.path
            return request.redirect(to: SiteURL.login.path + "?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-_"))) ?? "/"))
        }
        return try await next.respond(to: request)
    }
}

/// Every state-changing request made with a session must carry the session's CSRF token
/// (form field `_csrf` or header `X-CSRF-Token`). API bearer-token clients are exempt: browsers
/// never attach those by themselves. The login form uses a double-submit cookie. A write with
/// neither a session nor the login cookie is refused before its body is read.
struct CSRFMiddleware: AsyncMiddleware {
    static let field = "_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.isWrite, request.context.token == nil else {
            return try await next.respond(to: request)
        }
        // The login form is checked against its own cookie, so a browser that still holds a
        // session can sign in as someone else (and that session ends).
        let expected = request.url.path == SiteURL.login.path
            ? request.cookies[Cookies.loginCSRF]?.string : request.context.session?.csrfToken
        guard let expected else { throw Abort(.forbidden, reason: "csrf") }
        // The body was read, within its route's limit, by BodyLimitMiddleware.
        let sent = request.headers.first(name: "X-CSRF-Token") ?? (try? request.content.get(String.self, at: Self.field))
        guard let sent, Secrets.equal(sent, expected) else {
            throw Abort(.forbidden, reason: "csrf")
        }
        return try await next.respond(to: request)
    }
}

/// Headers that keep the pages from being framed or fed foreign scripts.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        // A page that carries its own policy (the public trace page and label sheets: inline
        // style allowed by its hash only, nothing else) keeps it.
        if !response.headers.contains(name: "Content-Security-Policy") {
            response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
        }
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        // API answers carry county data and personal data: never kept by a browser or a proxy.
        if request.isAPI { response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        return response
    }
}
