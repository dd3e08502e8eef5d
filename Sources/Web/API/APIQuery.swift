import Foundation
import Vapor
import XiangcunKit

/// Strict reading of API query parameters: a parameter that is present but not valid answers
/// 400 naming the parameter and the reason, instead of being ignored. (Pages are lenient: a
/// blank form field there means "not given".)
extension Request {
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
