import Accounts
import Audit
import Vapor
import XiangcunKit

/// Who is asking, in which language, for which county. Set by the middleware for every request.
struct RequestContext: Sendable {
    var language: Language
    var user: User?
    var session: UserSession?
    var token: APIToken?
    /// The county the pages show: the user's own, or the one a province viewer / system
    /// administrator selected within their scope.
    var county: DivisionCode?

    var role: Role? { user?.userRole }
    var scope: AccessScope { user?.scope ?? .county(Self.nowhere) }

    static let nowhere: DivisionCode = {
        do { return try DivisionCode("110000000000") } catch { preconditionFailure("constant code") }
    }()

    func t(_ key: String, _ args: String...) -> String { Catalogue.text(key, language, args) }
}

struct RequestContextKey: StorageKey {
    typealias Value = RequestContext
}

extension Request {
    var context: RequestContext {
        get { storage[RequestContextKey.self] ?? RequestContext(language: .zh) }
        set { storage[RequestContextKey.self] = newValue }
    }

    /// The signed-in user, or 401 (the error page sends browsers to the login form).
    func requireUser() throws -> User {
        guard let user = context.user else { throw Abort(.unauthorized) }
        return user
    }

    func require(_ permission: Permission) throws -> User {
        let user = try requireUser()
        guard user.userRole.can(permission) else { throw Abort(.forbidden) }
        return user
    }

    /// The county in view. A province viewer or system administrator who has not chosen one is
    /// sent to the home page to choose (the API answers 404: `county=` names it there).
    func requireCounty() throws -> DivisionCode {
        guard let county = context.county else {
            if !isAPI, context.user != nil, method == .GET { throw Abort.redirect(to: SiteURL.home.path + "?flash=flash.pickCounty") }
            throw Abort(.notFound)
        }
        return county
    }

    /// The signed-in person and their address, for the audit trail.
    var actor: AuditActor {
        AuditActor(userID: context.user?.id, name: context.user?.username ?? "anonymous", address: clientAddress)
    }

    /// The client address for the audit trail (the proxy's X-Forwarded-For when configured).
    var clientAddress: String {
        if application.settings.trustProxy, let forwarded = headers.first(name: "X-Forwarded-For")?.split(separator: ",").first {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}
