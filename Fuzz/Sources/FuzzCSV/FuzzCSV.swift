import Documents
import Foundation

/// CSV in every encoding the importers accept (UTF-8 with or without BOM, GB18030, automatic).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    for choice in [TextDecoding.Choice.automatic, .encoding(.utf8), .encoding(.gb18030)] {
        _ = try? CSV.read(data, encoding: choice)
    }
    return 0
}
