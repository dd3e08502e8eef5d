import Documents
import Foundation
import FuzzSupport

/// Any bytes as an .xlsx upload: the zip container, the shared strings and the sheets.
public func fuzzXLSX(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    _ = try? XLSX.read(Data(bytes: bytes, count: count))
    return 0
}

@_cdecl("FuzzXLSX_main")
func fuzzXLSXMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { bytes, count in
        guard let bytes else { return 0 }
        return fuzzXLSX(bytes, count)
    }
}
