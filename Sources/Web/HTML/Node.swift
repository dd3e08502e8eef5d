/// A fragment of HTML that is already escaped. Views build pages from nodes, so text is
/// escaped exactly once and markup cannot be injected by data.
public struct Node: Sendable {
    public let html: String

    init(html: String) { self.html = html }

    public static func text(_ text: String) -> Node { Node(html: escape(text)) }
    /// Trusted markup produced by the app itself (SVG charts, assets).
    public static func raw(_ html: String) -> Node { Node(html: html) }

    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

@resultBuilder
public enum NodeBuilder {
    public static func buildBlock(_ parts: [Node]...) -> [Node] { parts.flatMap { $0 } }
    public static func buildExpression(_ node: Node) -> [Node] { [node] }
    public static func buildExpression(_ nodes: [Node]) -> [Node] { nodes }
    public static func buildExpression(_ text: String) -> [Node] { [.text(text)] }
    public static func buildOptional(_ nodes: [Node]?) -> [Node] { nodes ?? [] }
    public static func buildEither(first nodes: [Node]) -> [Node] { nodes }
    public static func buildEither(second nodes: [Node]) -> [Node] { nodes }
    public static func buildArray(_ parts: [[Node]]) -> [Node] { parts.flatMap { $0 } }
}

let voidElements: Set<String> = ["br", "hr", "img", "input", "link", "meta", "col"]

/// An element: `el("a", ["href": url.path]) { "text" }`. Attributes with nil values are left out;
/// an empty-string value renders as a bare boolean attribute.
public func el(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:], @NodeBuilder _ content: () -> [Node] = { [] }) -> Node {
    var html = "<" + tag
    // Our own messages, not the browser's: forms are checked by the server, which names the
    // rule and keeps the input, so the browser's built-in checks are switched off.
    if tag == "form" { html += " novalidate" }
    for (name, value) in attributes {
        guard let value else { continue }
        html += value.isEmpty && booleanAttributes.contains(name) ? " \(name)" : " \(name)=\"\(Node.escape(value))\""
    }
    html += ">"
    if voidElements.contains(tag) { return Node(html: html) }
    for child in content() { html += child.html }
    return Node(html: html + "</\(tag)>")
}

let booleanAttributes: Set<String> = ["required", "checked", "selected", "disabled", "open", "multiple", "readonly", "autofocus"]

extension Array where Element == Node {
    public var html: String { map(\.html).joined() }
}
