import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Receives SAX events with namespace prefixes stripped from element and attribute names.
protocol XMLEventHandler: AnyObject {
    func start(_ name: String, _ attributes: [String: String])
    func end(_ name: String)
    func text(_ string: String)
}

/// Streams a part through `XMLParser` (external entities never resolved).
enum XMLEvents {
    static func parse(_ data: Data, part: String, into handler: any XMLEventHandler) throws(DocumentsError) {
        let parser = XMLParser(data: data)
        let adaptor = Adaptor(handler)
        parser.delegate = adaptor
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        guard parser.parse() else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"
            throw .malformedXML(part: part, line: parser.lineNumber, reason: reason)
        }
        // Foundation's parser on Linux accepts truncated documents; check balance ourselves.
        guard adaptor.sawRoot, adaptor.depth == 0 else {
            throw .malformedXML(part: part, line: parser.lineNumber, reason: "unexpected end of document")
        }
    }

    static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    private final class Adaptor: NSObject, XMLParserDelegate {
        let handler: any XMLEventHandler
        var depth = 0
        var sawRoot = false

        init(_ handler: any XMLEventHandler) { self.handler = handler }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            depth += 1
            sawRoot = true
            var attributes: [String: String] = [:]
            for (key, value) in attributeDict { attributes[XMLEvents.localName(key)] = value }
            handler.start(XMLEvents.localName(elementName), attributes)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            depth -= 1
            handler.end(XMLEvents.localName(elementName))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            handler.text(string)
        }

        func parser(_ parser: XMLParser, foundIgnorableWhitespace whitespaceString: String) {
            handler.text(whitespaceString)
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            handler.text(String(decoding: CDATABlock, as: UTF8.self))
        }
    }
}

/// Relationship parts (`_rels/*.rels`): id → (type, resolved target path).
final class RelationshipsHandler: XMLEventHandler {
    struct Relationship { var type: String; var target: String }
    private let base: String
    private(set) var byId: [String: Relationship] = [:]
    private(set) var ordered: [Relationship] = []

    /// `source` is the part the relationships belong to ("" for the package).
    init(source: String) {
        base = source.split(separator: "/").dropLast().joined(separator: "/")
    }

    static func load(_ package: ZipPackage, for source: String) throws(DocumentsError) -> RelationshipsHandler {
        let handler = RelationshipsHandler(source: source)
        let folder = source.split(separator: "/").dropLast().joined(separator: "/")
        let file = source.split(separator: "/").last.map(String.init) ?? ""
        let path = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
        if let data = try package.part(path) {
            try XMLEvents.parse(data, part: path, into: handler)
        }
        return handler
    }

    func start(_ name: String, _ attributes: [String: String]) {
        guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"],
              attributes["TargetMode"] != "External" else { return }
        let relationship = Relationship(type: attributes["Type"] ?? "", target: Self.resolve(target, base: base))
        byId[id] = relationship
        ordered.append(relationship)
    }

    func end(_ name: String) {}
    func text(_ string: String) {}

    func first(typeSuffix: String) -> String? {
        ordered.first { $0.type.hasSuffix(typeSuffix) }?.target
    }

    static func resolve(_ target: String, base: String) -> String {
        var components: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = components.popLast() } else if piece != "." { components.append(piece) }
        }
        return components.joined(separator: "/")
    }
}
