import Accounts
import Audit
import Vapor
import XiangcunKit

/// Routes of signing in and out, and of the language choice.
struct AuthController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.login, use: loginForm)
        routes.post(.login, use: login)
        routes.post(.logout, use: logout)
        routes.get(.language(":code"), use: language)
    }

    @Sendable func loginForm(_ req: Request) async throws -> Response {
        if req.context.user != nil { return req.redirect(to: SiteURL.home.path) }
        return try await renderLogin(req, form: FormState(values: ["next": localPath(req.query[String.self, at: "next"])]), message: nil, status: .ok)
    }

    func renderLogin(_ req: Request, form: FormState, message: String?, status: HTTPResponseStatus) async throws -> Response {
        let model = LoginPage.load(form: form, message: message)
        let response = Response.html(LoginPage.view(try await req.chrome(), model), status: status)
        response.cookies[Cookies.loginCSRF] = HTTPCookies.Value(string: model.csrf, maxAge: 3600, path: SiteURL.login.path,
            isSecure: req.application.settings.secureCookies, isHTTPOnly: true, sameSite: .strict)
        return response
    }

    struct LoginForm: Content { var username: String?; var password: String?; var next: String? }

    @Sendable func login(_ req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let state = FormState(values: ["username": form.username ?? "", "next": localPath(form.next)])
        let result = try await SignIn.attempt(username: form.username ?? "", password: form.password ?? "", address: req.clientAddress,
                                              hasher: req.application.passwordHasher, throttle: req.application.loginThrottle, on: req.db)
        let t = { (key: String, args: [String]) in Catalogue.text(key, req.context.language, args) }
        switch result {
        case .success(_, let token):
            // Whoever signed in before on this browser is signed out, not left with a live session.
            if let previous = req.cookies[Cookies.session]?.string {
                try await SignIn.signOut(sessionToken: previous, actor: req.actor, on: req.db)
            }
            let response = req.redirect(to: localPath(form.next))
            response.cookies[Cookies.session] = HTTPCookies.Value(string: token, maxAge: Int(SignIn.sessionLifetime), path: "/",
                isSecure: req.application.settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
            response.cookies[Cookies.loginCSRF] = .expired
            return response
        case .failed: return try await renderLogin(req, form: state, message: t("login.failed", []), status: .unauthorized)
        case .disabled: return try await renderLogin(req, form: state, message: t("login.disabled", []), status: .forbidden)
        case .throttled(let minutes): return try await renderLogin(req, form: state, message: t("login.throttled", ["\(minutes)"]), status: .tooManyRequests)
        }
    }

    @Sendable func logout(_ req: Request) async throws -> Response {
        if let token = req.cookies[Cookies.session]?.string {
            try await SignIn.signOut(sessionToken: token, actor: req.actor, on: req.db)
        }
        let response = req.redirect(to: SiteURL.login.path)
        response.cookies[Cookies.session] = .expired
        return response
    }

    /// Remembers the chosen language in a cookie for a year and goes back to the page.
    @Sendable func language(_ req: Request) async throws -> Response {
        guard let code = req.parameters.get("code"), let language = Language(rawValue: code) else { throw Abort(.notFound) }
        let response = req.redirect(to: localPath(req.query[String.self, at: "back"]))
        response.cookies[Cookies.language] = HTTPCookies.Value(string: language.rawValue, maxAge: 365 * 86400, path: "/",
            isSecure: req.application.settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }
}
