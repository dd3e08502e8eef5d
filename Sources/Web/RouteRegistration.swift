import Foundation
import Vapor

/// Placeholders that turn a `SiteURL` or `APIURL` case into its route pattern: a UUID
/// placeholder becomes the parameter of that name, a `:name` string argument a parameter too.
enum Placeholder {
    static let id = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xA1))
    static let user = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xA2))
    static let photo = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xA3))

    static let names: [String: String] = [id.uuidString: "id", user.uuidString: "user", photo.uuidString: "photo"]

    /// The route pattern of a path built with placeholders.
    static func pattern(_ path: String) -> [PathComponent] {
        path.split(separator: "/").map { segment in
            let text = String(segment)
            if let name = names[text] { return .parameter(name) }
            if text.hasPrefix(":") { return .parameter(String(text.dropFirst())) }
            return .constant(text)
        }
    }
}

extension SiteURL {
    /// This case's route pattern (build the case with `Placeholder`s and `:name` strings).
    var pattern: [PathComponent] { Placeholder.pattern(path) }
}

extension APIURL {
    var pattern: [PathComponent] { Placeholder.pattern(path) }
}

/// Registering routes from `SiteURL` / `APIURL` cases, never from string literals, so every
/// path a link can name has a route and every route has a name (`RouteTableTests`).
extension RoutesBuilder {
    @discardableResult
    func get<R: AsyncResponseEncodable>(_ url: SiteURL, use handler: @Sendable @escaping (Request) async throws -> R) -> Route {
        on(.GET, url.pattern, use: handler)
    }

    @discardableResult
    func post<R: AsyncResponseEncodable>(_ url: SiteURL, use handler: @Sendable @escaping (Request) async throws -> R) -> Route {
        on(.POST, url.pattern, use: handler)
    }

    /// A form that takes files or long texts: its own body limit (see `BodyLimit`).
    @discardableResult
    func post<R: AsyncResponseEncodable>(_ url: SiteURL, limit: ByteCount, use handler: @Sendable @escaping (Request) async throws -> R) -> Route {
        on(.POST, url.pattern, limit: limit, use: handler)
    }

    /// An API route with its own body limit (bulk intake).
    @discardableResult
    func on<R: AsyncResponseEncodable>(_ method: HTTPMethod, _ url: APIURL, limit: ByteCount, use handler: @Sendable @escaping (Request) async throws -> R) -> Route {
        on(method, url.pattern, limit: limit, use: handler)
    }

    @discardableResult
    func on<R: AsyncResponseEncodable>(_ method: HTTPMethod, _ url: APIURL, use handler: @Sendable @escaping (Request) async throws -> R) -> Route {
        on(method, url.pattern, use: handler)
    }
}
