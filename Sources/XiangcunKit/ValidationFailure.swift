/// Input that failed validation: field name → message key in the catalogue.
/// Web turns it into a form with field errors or a 422 JSON problem.
public struct ValidationFailure: Error, Sendable, Equatable {
    public var fields: [String: String]

    public init(_ fields: [String: String] = [:]) { self.fields = fields }

    public var isEmpty: Bool { fields.isEmpty }

    /// Records the first failure of `field`. Arguments of the message (a limit, an amount)
    /// travel with the key as `key|arg|arg`; `Catalogue.text` fills them in.
    public mutating func add(_ field: String, _ messageKey: String, _ args: String...) {
        if fields[field] == nil { fields[field] = ([messageKey] + args).joined(separator: "|") }
    }

    /// Throws self when any field failed.
    public func throwIfAny() throws(ValidationFailure) {
        if !fields.isEmpty { throw self }
    }
}
