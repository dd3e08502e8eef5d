import Foundation
import FuzzSupport
import Routing

/// The VRPLIB dialect of the rich sets (HFVRP, MDVRPTW, MTVRPTWR) in each cost convention.
public func fuzzVRPLIB(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    _ = try? VRPLIB.parse(text)
    return 0
}

@_cdecl("FuzzVRPLIB_main")
func fuzzVRPLIBMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { bytes, count in
        guard let bytes else { return 0 }
        return fuzzVRPLIB(bytes, count)
    }
}
