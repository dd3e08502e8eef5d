/// Escaping for XML 1.0 text and attribute values. Characters XML 1.0 forbids (C0 controls other
/// than tab, LF and CR; U+FFFE; U+FFFF) are dropped.
public enum XMLEscape {
    /// Escapes `&`, `<` and `>` for element content.
    public static func text(_ string: String) -> String {
        escape(string, quotes: false)
    }

    /// Escapes `&`, `<`, `>`, `"` and `'` for an attribute value (either quote style).
    public static func attribute(_ string: String) -> String {
        escape(string, quotes: true)
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x00..<0x20: return false
        case 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }

    private static func escape(_ string: String, quotes: Bool) -> String {
        var needsWork = false
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&", "<", ">": needsWork = true
            case "\"", "'": if quotes { needsWork = true }
            default: if !isAllowed(scalar) { needsWork = true }
            }
            if needsWork { break }
        }
        guard needsWork else { return string }
        var out = String.UnicodeScalarView()
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"" where quotes: out.append(contentsOf: "&quot;".unicodeScalars)
            case "'" where quotes: out.append(contentsOf: "&apos;".unicodeScalars)
            default: if isAllowed(scalar) { out.append(scalar) }
            }
        }
        return String(out)
    }
}
