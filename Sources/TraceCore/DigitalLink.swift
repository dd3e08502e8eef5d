import Foundation

/// A GS1 Digital Link path on the county's own domain (数字链接), the address a label's QR code
/// carries: `/01/{GTIN}/10/{lot}[/21/{serial}]`, or for a product without a GTIN the county's
/// trace-code path `/t/{product code}/10/{lot}[/21/{serial}]` with the same shape.
public struct DigitalLink: Hashable, Sendable {
    public enum Product: Hashable, Sendable {
        case gtin(GTIN)
        /// The county catalogue's own product code (溯源码 path when there is no GTIN).
        case countyCode(String)
    }

    public var product: Product
    public var lot: String?
    public var serial: String?

    public init(product: Product, lot: String? = nil, serial: String? = nil) {
        self.product = product
        self.lot = lot
        self.serial = serial
    }

    public enum ParseError: Error, Equatable, Sendable {
        /// The path is not a Digital Link path at all.
        case notALink
        /// The GTIN's digits or check digit are wrong.
        case badGTIN
        /// A lot, serial or code with characters GS1 does not allow, or too long.
        case badValue(String)
    }

    /// Lot (AI 10), serial (AI 21) and county codes: 1–20 characters of a safe subset of GS1's
    /// character set 82, so they never need escaping in a URL or an EPC URI.
    public static func isValidValue(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 20 && text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-._".unicodeScalars.contains($0)) }
    }

    /// Reads a request path (`/01/…`, `/t/…`).
    public static func parse(_ path: String) -> Result<DigitalLink, ParseError> {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 2, parts.count % 2 == 0 else { return .failure(.notALink) }
        let product: Product
        switch parts[0] {
        case "01":
            guard let gtin = GTIN(parts[1]) else { return .failure(.badGTIN) }
            product = .gtin(gtin)
        case "t":
            guard isValidValue(parts[1]) else { return .failure(.badValue("code")) }
            product = .countyCode(parts[1])
        default: return .failure(.notALink)
        }
        var link = DigitalLink(product: product)
        var rest = parts.dropFirst(2)
        for ai in ["10", "21"] where rest.first == ai {
            let value = rest.dropFirst().first ?? ""
            guard isValidValue(value) else { return .failure(.badValue(ai == "10" ? "lot" : "serial")) }
            if ai == "10" { link.lot = value } else { link.serial = value }
            rest = rest.dropFirst(2)
        }
        // A serial without a lot, or anything left over, is not a path we answer.
        guard rest.isEmpty, link.serial == nil || link.lot != nil else { return .failure(.notALink) }
        return .success(link)
    }

    /// The path, as printed in a QR code after the county's base URL.
    public var path: String {
        var p: String
        switch product {
        case .gtin(let g): p = "/01/\(g.digits)"
        case .countyCode(let c): p = "/t/\(c)"
        }
        if let lot { p += "/10/\(lot)" }
        if let lot, let serial, !lot.isEmpty { p += "/21/\(serial)" }
        return p
    }

    /// The lot's class identifier in EPCIS events (the EPC class of a `quantityElement`): the
    /// canonical GS1 Digital Link URI for GTIN lots, a county URN otherwise.
    public static func lotURI(product: Product, lot: String) -> String {
        switch product {
        case .gtin(let g): return "https://id.gs1.org/01/\(g.digits)/10/\(lot)"
        case .countyCode(let c): return "urn:xiangcun:lot:\(c):\(lot)"
        }
    }

    /// A case or parcel packed from lots (the parent of an aggregation).
    public static func caseURI(county: String, code: String) -> String { "urn:xiangcun:case:\(county):\(code)" }
    /// 包裹: a logistics parcel by its waybill (运单号), unique in the county. Packing lots or
    /// cases into it (an aggregation with this parent) is how a recall reaches the parcel.
    public static let parcelPrefix = "urn:xiangcun:parcel:"
    public static func parcelURI(waybill: String) -> String { parcelPrefix + waybill }
}
