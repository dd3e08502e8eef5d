/// Display width in "half-width columns": CJK ideographs, kana, hangul and full-width forms
/// count 2, everything else 1. Used for spreadsheet column widths, Word table columns and
/// SVG text layout.
public enum DisplayWidth {
    public static func of(_ string: String) -> Int {
        var width = 0
        for scalar in string.unicodeScalars {
            width += isWide(scalar) ? 2 : 1
        }
        return width
    }

    public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F,      // Hangul Jamo
             0x2E80...0x303E,      // CJK radicals, punctuation
             0x3041...0x33FF,      // kana, CJK symbols
             0x3400...0x4DBF,      // CJK ext A
             0x4E00...0x9FFF,      // CJK unified
             0xA000...0xA4CF,      // Yi
             0xAC00...0xD7A3,      // Hangul syllables
             0xF900...0xFAFF,      // CJK compatibility
             0xFE30...0xFE4F,      // CJK compatibility forms
             0xFF00...0xFF60,      // full-width forms
             0xFFE0...0xFFE6,
             0x20000...0x3FFFD:    // CJK ext B and beyond
            return true
        default:
            return false
        }
    }
}
