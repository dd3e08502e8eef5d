import Foundation
import FuzzSupport
import Routing

/// CVRPLIB instances and solutions as `route solve` reads them.
public func fuzzCVRPLIB(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    _ = try? CVRPLIB.parse(text)
    _ = try? CVRPLIB.parseSolution(text)
    return 0
}

@_cdecl("FuzzCVRPLIB_main")
func fuzzCVRPLIBMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { bytes, count in
        guard let bytes else { return 0 }
        return fuzzCVRPLIB(bytes, count)
    }
}
