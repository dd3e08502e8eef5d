import Documents
import Foundation

/// Any bytes as an .xlsx upload: the zip container, the shared strings and the sheets.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    _ = try? XLSX.read(Data(bytes: bytes, count: count))
    return 0
}
