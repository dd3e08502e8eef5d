import Accounts
import Composition
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import Web

/// What a request came to, as far as access is concerned.
enum MatrixOutcome: String {
    /// Reached its handler: 2xx, a redirect other than to the login form, or a 4xx about the
    /// request's content (400, 409, 413, 422).
    case ok
    /// 401, or a redirect to the login form.
    case login
    case forbidden = "denied"
    case notFound = "missing"
    /// 5xx: always a failure.
    case error

    init(_ response: TestingHTTPResponse) {
        let code = response.status.code
        switch code {
        case 401: self = .login
        case 403: self = .forbidden
        case 404: self = .notFound
        case 500...: self = .error
        case 300..<400 where response.headers.first(name: .location)?.hasPrefix("/login") == true: self = .login
        default: self = .ok
        }
    }
}

/// One row of the matrix's columns: anonymous, or a signed-in demo account of one role.
struct MatrixPrincipal {
    let name: String
    let role: Role?
    let client: TestClient
    let username: String?

    static func signIn(_ app: Application) async throws -> [MatrixPrincipal] {
        var all = [MatrixPrincipal(name: "anonymous", role: nil, client: TestClient(app), username: nil)]
        for account in DemoCounty.accounts {
            let p = MatrixPrincipal(name: account.role.rawValue, role: account.role, client: TestClient(app), username: account.username)
            try await p.signIn()
            all.append(p)
        }
        return all
    }

    /// Signs in and, for roles that choose their county, puts the demo county in view.
    func signIn() async throws {
        guard let username else { return }
        client.cookies = [:]
        try await client.login(username)
        if role == .provinceViewer || role == .systemAdmin { _ = try await client.get("/county?county=331123") }
        _ = try await client.get("/")
    }

    /// Sends one request as a browser (pages) or a script with a session (API) would, with the
    /// session's CSRF token and an empty body, and signs in again if the request ended the session.
    mutating func request(_ method: String, _ path: String) async throws -> MatrixOutcome {
        let response: TestingHTTPResponse
        switch method {
        case "GET": response = try await client.get(path)
        case "POST" where !path.hasPrefix("/api/"): response = try await client.post(path, [:])
        default:
            var headers = HTTPHeaders()
            headers.contentType = .json
            if let token = client.lastCSRF { headers.replaceOrAdd(name: "X-CSRF-Token", value: token) }
            response = try await client.send(HTTPMethod(rawValue: method), path, headers: headers, body: ByteBuffer(string: "{}"))
        }
        // Signing out (or a refused sign-in form) may end the session: start a new one.
        if username != nil, path == SiteURL.logout.path || path == SiteURL.login.path || client.cookies[Cookies.session] == nil { try await signIn() }
        return MatrixOutcome(response)
    }
}
