import Documents
import Foundation
import XiangcunKit

struct CellProblem: Error, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Reading typed values from workbook cells (Excel numbers and dates, or text as typed).
public enum CellParse {
    /// Splits a list cell on 、 ， , ； ; and line breaks.
    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { "、，,；;\n\r".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// Text of a plain decimal number: digits with optional sign, thousands separators and point.
    public static func decimalText(_ raw: String) -> String? {
        var text = raw.trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
            .replacingOccurrences(of: " ", with: "")
        if text.hasPrefix("+") { text.removeFirst() }
        var body = Substring(text)
        if body.hasPrefix("-") { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              !(parts[0].isEmpty && (parts.count == 1 || parts[1].isEmpty)) else { return nil }
        return text
    }

    static func decimal(_ value: CellValue) -> Result<Decimal, CellProblem> {
        switch value {
        case .number(let n), .date(serial: let n):
            if let d = Decimal(string: n, locale: Locale(identifier: "en_US_POSIX")) { return .success(d) }
            return .failure(CellProblem("“\(n)”不是数字"))
        case .text(let t):
            let trimmed = t.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let text = decimalText(trimmed), let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                return .failure(CellProblem("“\(trimmed)”不是数字"))
            }
            return .success(d)
        case .bool(let b):
            return .failure(CellProblem("“\(b ? "TRUE" : "FALSE")”不是数字"))
        }
    }

    static func integer(_ value: CellValue?) -> Int? {
        guard let value, case .success(let d) = decimal(value) else { return nil }
        var v = d
        var r = Decimal()
        NSDecimalRound(&r, &v, 0, .plain)
        guard r == d else { return nil }
        return Int(NSDecimalNumber(decimal: r).int64Value)
    }

    /// 万元 with at most 6 decimals (= fen), exactly. Excel numbers stored with binary-float noise
    /// beyond 6 decimals (e.g. "177.50000000000003") are rounded to fen when the noise is < 1e-9.
    static func money(_ value: CellValue) -> Result<Money, CellProblem> {
        var text: String
        switch value {
        case .number(let n), .date(serial: let n):
            text = n
            if let d = Decimal(string: n, locale: Locale(identifier: "en_US_POSIX")), n.contains("."),
               (n.split(separator: ".").last?.count ?? 0) > 6 || n.lowercased().contains("e") {
                var v = d
                var r = Decimal()
                NSDecimalRound(&r, &v, 6, .plain)
                let noise = r - d
                guard noise.magnitude < Decimal(string: "0.000000001") ?? 0 else {
                    return .failure(CellProblem("金额“\(n)”超过 6 位小数（万元精确到分）"))
                }
                text = NSDecimalNumber(decimal: r).stringValue
            } else if n.lowercased().contains("e"), let d = Decimal(string: n, locale: Locale(identifier: "en_US_POSIX")) {
                text = NSDecimalNumber(decimal: d).stringValue
            }
        case .text(let t):
            text = t.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "，", with: ",")
            for suffix in ["万元", "万"] where text.hasSuffix(suffix) { text = String(text.dropLast(suffix.count)) }
        case .bool(let b):
            return .failure(CellProblem("“\(b ? "TRUE" : "FALSE")”不是金额"))
        }
        do {
            return .success(try Money(wanYuan: text))
        } catch {
            switch error {
            case .empty: return .failure(CellProblem("金额为空"))
            case .notANumber(let s): return .failure(CellProblem("“\(s)”不是金额（万元，如 177.5）"))
            case .tooPrecise(let s): return .failure(CellProblem("金额“\(s)”超过 6 位小数（万元精确到分）"))
            case .tooLarge(let s): return .failure(CellProblem("金额“\(s)”过大"))
            }
        }
    }

    /// Excel date (or a serial number), or text 2021-06-30 / 2021/6/30 / 2021年6月30日 (a trailing 前 is allowed).
    static func day(_ value: CellValue) -> Result<Day, CellProblem> {
        switch value {
        case .number(let n), .date(serial: let n):
            guard let serial = Double(n), serial >= 61, serial < 2_958_466 else {
                return .failure(CellProblem("“\(n)”不是日期"))
            }
            let d = Day(excelSerial: Int(serial.rounded(.down)))
            // In range for the programme's calendar (1900–2200).
            guard let day = Day(year: d.year, month: d.month, day: d.day) else { return .failure(CellProblem("“\(n)”不是有效日期")) }
            return .success(day)
        case .text(let t):
            var text = t.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.hasSuffix("前") { text = String(text.dropLast()).trimmingCharacters(in: .whitespaces) }
            if text.count == 5, let serial = Int(text), serial >= 61 {
                let d = Day(excelSerial: serial)
                if let day = Day(year: d.year, month: d.month, day: d.day) { return .success(day) }
            }
            if let day = Day(text) { return .success(day) }
            return .failure(CellProblem("“\(t)”不是日期（应为 2021-06-30 或 2021年6月30日）"))
        case .bool:
            return .failure(CellProblem("不是日期"))
        }
    }
}
