import Foundation

/// The one error type of the Routing module. Every message names the offending field or line.
public struct RoutingError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case parse
        case invalidField
        case missingField
        case unsupported
        case io
        case infeasibleInput
    }

    public var kind: Kind
    /// The field (JSON path such as `stops[3].timeWindow`) or CVRPLIB keyword concerned, if any.
    public var field: String?
    public var message: String

    public init(_ kind: Kind, field: String? = nil, _ message: String) {
        self.kind = kind
        self.field = field
        self.message = message
    }

    public var description: String {
        if let field { return "\(kind.rawValue) error at '\(field)': \(message)" }
        return "\(kind.rawValue) error: \(message)"
    }
}

extension RoutingError: LocalizedError {
    public var errorDescription: String? { description }
}
