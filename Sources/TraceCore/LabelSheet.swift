/// Printable label sheets (标签): one A4 page of labels, each with its QR code (the batch's
/// Digital Link URL), product, lot and brand. Plain HTML with print CSS, no script.
public enum LabelSheet {
    public struct Label: Sendable, Equatable {
        public var url: String
        public var product: String
        public var lot: String
        public var serial: String?
        public var brand: String?
        public var producer: String
        public init(url: String, product: String, lot: String, serial: String? = nil, brand: String?, producer: String) {
            self.url = url
            self.product = product
            self.lot = lot
            self.serial = serial
            self.brand = brand
            self.producer = producer
        }
    }

    /// At most this many labels on one printed sheet request.
    public static let limit = 500

    public static let style = """
    @page{size:A4;margin:8mm}body{font-family:sans-serif;margin:0}
    .sheet{display:grid;grid-template-columns:repeat(3,1fr);gap:3mm}
    .label{border:1px dashed #999;padding:2mm;display:flex;gap:2mm;align-items:center;break-inside:avoid;height:32mm;box-sizing:border-box}
    .label svg{width:26mm;height:26mm;flex:none}.label p{margin:0;font-size:9pt;line-height:1.3}.label .p{font-weight:bold;font-size:10pt}
    @media screen{body{margin:8mm}}
    """

    /// The sheet; `qrSVG` turns a URL into an SVG QR code.
    public static func html(title: String, labels: [Label], qrSVG: (String) throws -> String) rethrows -> String {
        var out = "<!doctype html><html lang=\"zh-Hans\"><head><meta charset=\"utf-8\"><title>\(escape(title))</title><style>\(style)</style></head><body><div class=\"sheet\">"
        for l in labels.prefix(limit) {
            out += "<div class=\"label\">" + (try qrSVG(l.url)) + "<div>"
            out += "<p class=\"p\">\(escape(l.product))</p>"
            if let b = l.brand { out += "<p>\(escape(b))</p>" }
            out += "<p>批次 Lot \(escape(l.lot))" + (l.serial.map { " · \(escape($0))" } ?? "") + "</p>"
            out += "<p>\(escape(l.producer))</p><p>扫码溯源</p></div></div>"
        }
        return out + "</div></body></html>"
    }

    public static func escape(_ s: String) -> String {
        var r = ""
        for c in s {
            switch c {
            case "&": r += "&amp;"
            case "<": r += "&lt;"
            case ">": r += "&gt;"
            case "\"": r += "&quot;"
            case "'": r += "&#39;"
            default: r.append(c)
            }
        }
        return r
    }
}

import Documents

extension LabelSheet {
    /// A label's QR code as SVG (medium error correction, the standard 4-module quiet zone),
    /// drawn by the Documents module's pure-Swift encoder, so printing needs no system library.
    public static func qrSVG(_ url: String) throws -> String {
        QRCode.svg(try QRCode.encode(url, level: .medium), moduleSize: 4, quietZone: 4)
    }

    /// The sheet with this module's QR codes.
    public static func html(title: String, labels: [Label]) throws -> String {
        try html(title: title, labels: labels, qrSVG: qrSVG)
    }
}
