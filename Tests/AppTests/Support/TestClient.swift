import Composition
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import Web
import Accounts
import Divisions

/// A browser-like client over the in-memory test server: keeps cookies, finds CSRF tokens.
final class TestClient: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]
    var lastCSRF: String?

    init(_ app: Application) { self.app = app }

    func send(_ method: HTTPMethod, _ path: String, headers extra: HTTPHeaders = [:], body: ByteBuffer? = nil) async throws -> TestingHTTPResponse {
        var headers = extra
        if !cookies.isEmpty { headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        for value in response.headers[.setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if value.contains("Max-Age=0") || value.contains("Expires=Thu, 01 Jan 1970") || pair[1].isEmpty { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair[1] }
        }
        if let token = Self.csrf(in: response.body.string) { lastCSRF = token }
        return response
    }

    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await send(.GET, path, headers: headers)
    }

    /// Posts a urlencoded form; adds the last seen CSRF token unless `csrf` is false.
    func post(_ path: String, _ form: [String: String], csrf: Bool = true) async throws -> TestingHTTPResponse {
        var fields = form
        if csrf, let token = lastCSRF, fields["_csrf"] == nil { fields["_csrf"] = token }
        let body = fields.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    func postMultipart(_ path: String, fields: [String: String], file: (name: String, filename: String, data: Data)) async throws -> TestingHTTPResponse {
        let boundary = "xcboundary\(UUID().uuidString.prefix(8))"
        var body = Data()
        var all = fields
        if let token = lastCSRF { all["_csrf"] = token }
        for (k, v) in all { body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n".utf8) }
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
        body += file.data + Data("\r\n--\(boundary)--\r\n".utf8)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, headers: headers, body: ByteBuffer(data: body))
    }

    @discardableResult
    func login(_ username: String, _ password: String = DemoCounty.password) async throws -> TestingHTTPResponse {
        _ = try await get("/login")
        return try await post("/login", ["username": username, "password": password, "next": "/"])
    }

    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? s
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        let token = String(rest[..<end])
        return token.isEmpty ? nil : token
    }
}

/// Loads the demo county plus a second county (松阳县 331124) with its own admin and data,
/// so tests can guess ids across counties.
struct TwoCounties {
    let otherAdminID: UUID
    let otherTownship = "331124100000"
    let otherCounty = "331124000000"

    static func load(_ app: Application) async throws -> TwoCounties {
        _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
        let rows = try DivisionFiles.parse(Data("code,name\n331124100000,西屏镇\n331124100201,示例村甲,220\n".utf8), encoding: "utf8")
        _ = try await DivisionImporter.importRows(rows, actor: .cli("test"), on: app.db)
        let other = try await AccountService.create(
            NewUser(username: "songyang", displayName: "松阳县商务局", password: DemoCounty.password, role: .countyAdmin,
                    scopeCode: "331124000000", phone: "13912345678"),
            hasher: app.passwordHasher, actor: .cli("test"), creatorScope: .everything, on: app.db)
        return TwoCounties(otherAdminID: try other.requireID())
    }
}
