/// The raw content of a VRPLIB file: `KEY: value` header lines and `*_SECTION` blocks of
/// whitespace-separated rows. Interpreting them is `VRPLIB`'s job.
struct VRPLIBText {
    var header: [String: String] = [:]
    var sections: [String: [[Double]]] = [:]

    static func parse(_ text: String) throws(RoutingError) -> VRPLIBText {
        var out = VRPLIBText()
        var section: String?
        var lineNo = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }) {
            lineNo += 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.uppercased() == "EOF" { break }
            if let first = line.first, first.isLetter {
                let (key, value) = keyValue(line)
                if key.hasSuffix("_SECTION") {
                    section = key
                    out.sections[key] = out.sections[key] ?? []
                } else {
                    section = nil
                    out.header[key] = value.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                }
                continue
            }
            guard let s = section else {
                throw RoutingError(.parse, field: nil, "line \(lineNo): unexpected data '\(line)' outside a section")
            }
            var row: [Double] = []
            for f in line.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                guard let v = Double(f) else { throw RoutingError(.parse, field: s, "line \(lineNo): expected a number, got '\(f)'") }
                row.append(v)
            }
            out.sections[s, default: []].append(row)
        }
        return out
    }

    static func keyValue(_ line: String) -> (String, String) {
        if let colon = line.firstIndex(of: ":") {
            return (line[..<colon].trimmingCharacters(in: .whitespaces).uppercased(),
                    line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        return (String(parts.first ?? "").uppercased(), parts.dropFirst().joined(separator: " "))
    }

    /// A header number (nil when absent).
    func number(_ key: String) throws(RoutingError) -> Double? {
        guard let v = header[key] else { return nil }
        guard let d = Double(v) else { throw RoutingError(.parse, field: key, "expected a number, got '\(v)'") }
        return d
    }

    /// Rows `id v1 … vc` for ids 1...n, returned by node (id − 1) without the id.
    func perNode(_ key: String, n: Int, columns: Int) throws(RoutingError) -> [[Double]] {
        guard let rows = try optionalPerNode(key, n: n, columns: columns) else {
            throw RoutingError(.missingField, field: key, "the file has no \(key)")
        }
        return rows
    }

    func optionalPerNode(_ key: String, n: Int, columns: Int) throws(RoutingError) -> [[Double]]? {
        guard let rows = sections[key] else { return nil }
        var out = [[Double]?](repeating: nil, count: n)
        for row in rows {
            guard row.count >= columns + 1, let id = Int(exactly: row[0]), id >= 1, id <= n else {
                throw RoutingError(.parse, field: key, "expected 'id' and \(columns) value(s) with id in 1...\(n), got \(row)")
            }
            out[id - 1] = Array(row[1...columns])
        }
        var result: [[Double]] = []
        for (i, r) in out.enumerated() {
            guard let r else { throw RoutingError(.missingField, field: key, "no row for node \(i + 1)") }
            result.append(r)
        }
        return result
    }
}

import Foundation
