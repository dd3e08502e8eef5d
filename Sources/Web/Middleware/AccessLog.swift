import Foundation
import Vapor

/// The access log: one structured line per answered request — method, path, status, duration and
/// the signed-in user's id. Never the query string or the body: they can carry a phone's last
/// digits, a waybill or form fields with personal data (the test suite's log check holds us to it).
struct AccessLogMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let response = try await next.respond(to: request)
        let ms = (DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        var metadata: Logger.Metadata = [
            "method": "\(request.method.rawValue)", "path": "\(request.url.path)",
            "status": "\(response.status.code)", "ms": "\(ms)",
        ]
        if let user = request.context.user?.id { metadata["user"] = "\(user.uuidString)" }
        request.logger.info("request", metadata: metadata)
        return response
    }
}
