import Accounts
import Fluent
import SQLKit
import Vapor
import XiangcunKit

/// Health, metrics and the static assets.
struct OpsController {
    func register(_ routes: any RoutesBuilder) {
        routes.get(.healthz, use: health)
        routes.get(.metrics, use: metrics)
        routes.get(.asset("app.css")) { _ in Self.asset(Assets.css, type: "text/css; charset=utf-8") }
        routes.get(.asset("app.js")) { _ in Self.asset(Assets.js, type: "text/javascript; charset=utf-8") }
    }

    static func asset(_ body: String, type: String) -> Response {
        let response = Response(status: .ok, body: .init(string: body))
        response.headers.replaceOrAdd(name: .contentType, value: type)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }

    static func mayReadMetrics(_ req: Request) -> Bool {
        if let expected = req.application.settings.metricsToken, let sent = req.headers.bearerAuthorization?.token {
            return Secrets.equal(sent, expected)
        }
        return isLoopback(req.clientAddress)
    }

    static func isLoopback(_ address: String) -> Bool {
        address == "::1" || address.hasPrefix("127.") || address.hasPrefix("::ffff:127.")
    }

    struct Health: Content { var status: String; var database: String; var version: String }

    /// 200 when the database answers, 503 otherwise.
    @Sendable func health(_ req: Request) async throws -> Response {
        var ok = true
        do { _ = try await (req.db as? any SQLDatabase)?.raw("SELECT 1").all() } catch { ok = false }
        let response = Response(status: ok ? .ok : .serviceUnavailable)
        try response.content.encode(Health(status: ok ? "ok" : "unavailable", database: ok ? "ok" : "down", version: XiangcunVersion.current))
        return response
    }

    /// Request counts and versions help an attacker too: loopback clients only, or anyone who
    /// sends the configured metrics token.
    @Sendable func metrics(_ req: Request) async throws -> Response {
        guard Self.mayReadMetrics(req) else { throw Abort(.forbidden, reason: "metrics: loopback clients or the metrics token only") }
        let text = await req.application.metricsRegistry.render(version: XiangcunVersion.current)
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return response
    }
}
