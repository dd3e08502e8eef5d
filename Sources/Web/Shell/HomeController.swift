import Accounts
import Divisions
import Vapor
import XiangcunKit

/// Routes of the home page and the county choice (every section has its capability's controller).
struct HomeController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.home) { req in Response.html(HomePage.view(try await req.chrome(), try await HomePage.load(req))) }
        routes.get(.selectCounty, use: selectCounty)
    }

    /// Remembers the county a province viewer or system administrator looks at, then opens
    /// `next` (a local path, e.g. the county's statistics) or the home page.
    @Sendable func selectCounty(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let text = req.query[String.self, at: "county"], let code = try? DivisionCode(text), code.level == .county,
              user.scope.contains(code), try await Division.find(code.value, on: req.db) != nil else { throw Abort(.notFound) }
        let response = req.redirect(to: localPath(req.query[String.self, at: "next"]))
        response.cookies[Cookies.county] = HTTPCookies.Value(string: code.value, maxAge: 365 * 86400, path: "/",
            isSecure: req.application.settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }
}
