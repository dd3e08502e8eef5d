import Foundation
import Vapor
import XiangcunKit

/// Strict reading of API query parameters: a parameter that is present but not valid answers
/// 400 naming the parameter and the reason, instead of being ignored. (Pages are lenient: a
/// blank form field there means "not given".)
extension Request {
    /// Whether this is a JSON API request (strict parameters, problem responses).
    var isAPI: Bool { url.path.hasPrefix(APIURL.base) }

    /// A day parameter read the request's way: strictly under `/api`, leniently on a page (a
    /// blank or bad value there means "not given").
    func queryDay(_ name: String) throws -> Day? {
        isAPI ? try apiDay(name) : query[String.self, at: name].flatMap(Day.init)
    }

    /// An enum parameter read the request's way (see `queryDay`).
    func queryEnum<T: RawRepresentable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        isAPI ? try apiEnum(name, type) : query[String.self, at: name].flatMap(T.init(rawValue:))
    }

    /// A value of a string enum, or nil when the parameter is absent.
    func apiEnum<T: RawRepresentable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        guard let text = query[String.self, at: name] else { return nil }
        guard let value = T(rawValue: text) else { throw Abort(.badRequest, reason: "\(name): unknown value") }
        return value
    }

    /// An ISO day (2024-05-31), or nil when the parameter is absent.
    func apiDay(_ name: String) throws -> Day? {
        guard let text = query[String.self, at: name] else { return nil }
        guard let day = Day(text) else { throw Abort(.badRequest, reason: "\(name): not a date (YYYY-MM-DD)") }
        return day
    }

    /// A whole number within `range`, or nil when the parameter is absent.
    func apiInt(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = query[String.self, at: name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Abort(.badRequest, reason: "\(name): a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// true or false, or nil when the parameter is absent.
    func apiBool(_ name: String) throws -> Bool? {
        guard let text = query[String.self, at: name] else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: throw Abort(.badRequest, reason: "\(name): true or false")
        }
    }
}

extension Request {
    /// A request that may change state.
    var isWrite: Bool { ![.GET, .HEAD, .OPTIONS].contains(method) }
}

/// Rules every API request meets before it reaches a handler.
enum APIStrictness {
    /// A query parameter whose value is not valid percent-encoded UTF-8 answers 400 naming it
    /// (Vapor would read it as absent, so `?type=%FF` would silently mean "any type").
    static func checkQueryEncoding(_ request: Request) throws {
        guard let query = request.url.query, !query.isEmpty else { return }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).replacingOccurrences(of: "+", with: " ")
            guard let decodedName = name.removingPercentEncoding else {
                throw Abort(.badRequest, reason: "query: a parameter name is not valid UTF-8")
            }
            if parts.count == 2, String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding == nil {
                throw Abort(.badRequest, reason: "\(decodedName): not valid UTF-8 text")
            }
        }
    }
}
