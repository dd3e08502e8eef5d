import Documents
import Foundation
import FuzzSupport

/// CSV in every encoding the importers accept (UTF-8 with or without BOM, GB18030, automatic).
public func fuzzCSV(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    for choice in [TextDecoding.Choice.automatic, .encoding(.utf8), .encoding(.gb18030)] {
        _ = try? CSV.read(data, encoding: choice)
    }
    return 0
}

@_cdecl("FuzzCSV_main")
func fuzzCSVMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { bytes, count in
        guard let bytes else { return 0 }
        return fuzzCSV(bytes, count)
    }
}
