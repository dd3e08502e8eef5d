import Vapor

/// For the JSON API: a path that exists but not for the request's method answers 405 with an
/// `Allow` header, not 404 (HTTP semantics; machine clients rely on it).
enum MethodNotAllowed {
    /// The methods registered for `path`, or [] when no route has that shape.
    static func allowed(for path: String, in routes: [Route]) -> [HTTPMethod] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let methods = routes.filter { route in
            route.path.count == parts.count && zip(route.path, parts).allSatisfy { component, part in
                switch component {
                case .constant(let text): return text == part
                case .parameter: return true
                case .anything, .catchall: return true
                }
            }
        }.map(\.method)
        var unique: [HTTPMethod] = []
        for m in methods where !unique.contains(m) { unique.append(m) }
        return unique
    }
}
