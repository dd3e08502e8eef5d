import Vapor

/// How much of a request body the server reads, decided before any of it is read.
///
/// Forms and JSON are small, so the default is 64 KB. Routes that take files or long texts say
/// their own limit with `post(_:limit:use:)`. An anonymous request reads only what the login
/// form needs; every other anonymous write is refused by the CSRF check without reading its body.
/// A body over the limit answers 413 at once when it declares its length, or as soon as the
/// limit is crossed when it is chunked; what the client still sends is discarded, never kept.
enum BodyLimit {
    static let `default` = 64 * 1024
    static let login = 8 * 1024
    static let userInfoKey = AnySendableHashable("xiangcun.bodyLimit")

    /// The limit for this request: the route's own, the login form's, or the default.
    static func bytes(for request: Request) -> Int {
        if request.context.user == nil {
            return request.url.path == SiteURL.login.path ? login : 0
        }
        if let limit = request.route?.userInfo[userInfoKey] as? Int { return limit }
        return `default`
    }
}

extension RoutesBuilder {
    /// A write route whose body may be larger than the default (uploads, long texts).
    @discardableResult
    func on<Response: AsyncResponseEncodable>(_ method: HTTPMethod, _ path: [PathComponent], limit: ByteCount,
                                              use closure: @Sendable @escaping (Request) async throws -> Response) -> Route {
        let route = on(method, path, body: .collect(maxSize: limit), use: closure)
        route.userInfo[BodyLimit.userInfoKey] = limit.value
        return route
    }
}

struct BodyLimitMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method) else { return try await next.respond(to: request) }
        let limit = BodyLimit.bytes(for: request)
        // An anonymous write other than the login form: leave the body unread; CSRF refuses it.
        guard limit > 0 else { return try await next.respond(to: request) }
        let tooLarge = Abort(.payloadTooLarge, reason: "request body over the limit of \(limit / 1024) KB for this address")
        if let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > limit { throw tooLarge }
        do {
            _ = try await request.body.collect(max: limit).get()
        } catch let error as any AbortError where error.status == .payloadTooLarge {
            throw tooLarge
        }
        return try await next.respond(to: request)
    }
}
