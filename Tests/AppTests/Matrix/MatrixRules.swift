import Accounts
@testable import Web

/// Rules every cell must obey whatever the reviewed table says.
enum MatrixRules {
    /// Reachable without signing in.
    static let publicPrefixes = ["/login", "/logout", "/language/", "/assets/", "/healthz", "/metrics", "/public/"]
    /// Writes a read-only role may make: its own session, language, county in view and tokens;
    /// auditors verify progress reports and ask for a trained person's whole ID number (a read that
    /// is a POST so that it is audited and carries the CSRF token).
    static let readOnlyWrites: [(Role, String)] = [
        (.auditor, "/programme/progress/:id/review"), (.auditor, "/api/v1/programme/progress/:id/review"),
        (.auditor, "/training/people/:id/reveal"),
    ]
    static let ownWrites = ["/login", "/logout", "/tokens", "/tokens/:id/revoke", "/users/:id/password"]

    static func check(_ method: String, _ pattern: String, side: MatrixWorld.Side, principal: MatrixPrincipal, outcome: MatrixOutcome) -> [String] {
        let cell = "\(method) \(pattern) \(side.rawValue) as \(principal.name): \(outcome.rawValue)"
        var broken: [String] = []
        if outcome == .error { broken.append("\(cell) — a server error") }
        guard outcome == .ok else { return broken }
        let isPublic = publicPrefixes.contains { pattern.hasPrefix($0) } || pattern == "/"
        guard let role = principal.role else {
            if !isPublic { broken.append("\(cell) — reachable without signing in") }
            return broken
        }
        if side == .other, role.scopeLevel == .county, !pattern.hasPrefix("/public/") {
            broken.append("\(cell) — a county role reached the other county's record")
        }
        let readOnly = role == .auditor || role == .provinceViewer
        if readOnly, method != "GET", !ownWrites.contains(pattern), !readOnlyWrites.contains(where: { $0.0 == role && $0.1 == pattern }) {
            broken.append("\(cell) — a read-only role wrote")
        }
        return broken
    }
}
