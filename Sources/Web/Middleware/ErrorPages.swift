import Accounts
import Divisions
import Vapor
import XiangcunKit

/// Turns every error into a page in the user's language, or an RFC 9457 problem for the API.
/// A 500 is always a bug: it is logged with the request id, never with request data.
struct ErrorPagesMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let abort as any AbortError where (300..<400).contains(abort.status.code) {
            // A redirect thrown by a check (e.g. "choose a county first") keeps its Location.
            return Response(status: abort.status, headers: abort.headers)
        } catch {
            return Self.response(for: error, request: request)
        }
    }

    static func status(of error: any Error) -> (HTTPResponseStatus, [String: String]) {
        switch error {
        case let abort as any AbortError: return (abort.status, [:])
        // A value already taken or a record already decided is a conflict with the current state.
        case let failure as ValidationFailure where !failure.fields.isEmpty && failure.fields.values.allSatisfy(conflictKeys.contains):
            return (.conflict, failure.fields)
        case let failure as ValidationFailure: return (.unprocessableEntity, failure.fields)
        case AccountError.forbidden: return (.forbidden, [:])
        case is DecodingError: return (.badRequest, [:])
        default: return (.internalServerError, [:])
        }
    }

    static let conflictKeys: Set<String> = ["error.taken", "error.notPending"]

    static func response(for error: any Error, request: Request) -> Response {
        var (status, fields) = status(of: error)
        if status == .notFound, request.isAPI, request.route == nil {
            let allowed = MethodNotAllowed.allowed(for: request.url.path, in: request.application.routes.all)
            if !allowed.isEmpty && !allowed.contains(request.method) {
                status = .methodNotAllowed
                let response = problem(status: status, fields: fields, error: Abort(.methodNotAllowed), language: request.context.language)
                response.headers.replaceOrAdd(name: .allow, value: allowed.map(\.rawValue).joined(separator: ", "))
                return response
            }
        }
        if status == .internalServerError {
            request.logger.error("unhandled error", metadata: ["type": "\(type(of: error))", "path": "\(request.url.path)"])
        }
        let context = request.context
        if request.isAPI {
            return problem(status: status, fields: fields, error: error, language: context.language)
        }
        if status == .unauthorized {
            return request.redirect(to: SiteURL.login.path)
        }
        let page = ErrorPage(status: status, csrf: (error as? Abort)?.reason == "csrf")
        let response = Response(status: status, body: .init(string: page.render(context)))
        response.headers.contentType = .html
        return response
    }

    static func problem(status: HTTPResponseStatus, fields: [String: String], error: any Error, language: Language) -> Response {
        var detail = (error as? Abort)?.reason ?? status.reasonPhrase
        if status == .internalServerError { detail = "internal error" }
        if (error as? Abort)?.reason == "csrf" { detail = Catalogue.text("error.csrf", language) }
        var body: [String: AnyEncodable] = [
            "type": AnyEncodable("about:blank"), "title": AnyEncodable(status.reasonPhrase),
            "status": AnyEncodable(Int(status.code)), "detail": AnyEncodable(detail),
        ]
        if !fields.isEmpty {
            body["errors"] = AnyEncodable(fields.mapValues { Catalogue.text($0, language) })
        }
        let response = Response(status: status)
        try? response.content.encode(body, as: .json)
        response.headers.replaceOrAdd(name: .contentType, value: "application/problem+json")
        return response
    }
}

/// Type-erased Encodable for small JSON bodies.
struct AnyEncodable: Encodable, Sendable {
    let encodeValue: @Sendable (any Encoder) throws -> Void
    init<T: Encodable & Sendable>(_ value: T) { encodeValue = { try value.encode(to: $0) } }
    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}
