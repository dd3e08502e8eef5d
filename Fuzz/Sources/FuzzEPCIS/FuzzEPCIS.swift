import Foundation
import FuzzSupport
import TraceCore

/// The EPCIS 2.0 JSON-LD capture reader. A document it accepts must also survive export: its
/// events, written back as a document, read again as the same events.
public func fuzzEPCIS(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    guard let events = try? EPCISDocument.decode(data) else { return 0 }
    guard let exported = try? EPCISDocument.encode(events, created: Date(timeIntervalSince1970: 0)),
          let again = try? EPCISDocument.decode(exported), again == events else {
        fatalError("an accepted EPCIS document did not survive export (\(events.count) events)")
    }
    return 0
}

@_cdecl("FuzzEPCIS_main")
func fuzzEPCISMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { bytes, count in
        guard let bytes else { return 0 }
        return fuzzEPCIS(bytes, count)
    }
}
