import Foundation
import Testing
import XiangcunKit

@Suite struct JSONTextTests {
    /// Reads `{"items":[{…}]}` with string and integer fields, as the bulk endpoints do.
    static func read(_ text: String) throws -> [[String: String]] {
        var reader = JSONReader(Array(text.utf8))
        var items: [[String: String]] = []
        try reader.readObject { key, r in
            guard key == "items" else { try r.skipValue(); return }
            try r.readArray { _, r in
                var item: [String: String] = [:]
                try r.readObject { key, r in
                    if key == "n" { item[key] = try r.readInt().map(String.init) ?? "null" } else { item[key] = try r.readString() ?? "null" }
                }
                items.append(item)
            }
        }
        try reader.end()
        return items
    }

    @Test func readsWhatFoundationReadsIncludingEscapesAndUnicode() throws {
        let text = #" { "skip": [1, {"a": [true, false, null]}, -0.5e+3], "items" : [ {"w":"7300\"x\\y\/z\n","n":-42}, {"w":"村\u6751 😀 \ud83d\ude00","n":null}, {} ] } "#
        let items = try Self.read(text)
        #expect(items == [["w": "7300\"x\\y/z\n", "n": "-42"], ["w": "村村 😀 😀", "n": "null"], [:]])
        // The same text through Foundation gives the same strings.
        let foundation = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let first = (foundation?["items"] as? [[String: Any]])?.first?["w"] as? String
        #expect(first == items[0]["w"])
    }

    @Test func badSyntaxSaysWhereAndWhat() throws {
        for (text, offset) in [(#"{"items":[{"w":"x"}"#, 19), (#"{"items":[{},]}"#, 13), (#"{"items" [] }"#, 9), ("{\"items\":[{\"w\":\"a\u{01}\"}]}", 17),
                               (#"{"items":[]} x"#, 13), (#"{"items":[{"n":01}]}"#, 16), (#"{"items":[{"w":"\ud800"}]}"#, 22), ("", 0)] {
            #expect(throws: JSONReader.Failure.self) { _ = try Self.read(text) }
            do { _ = try Self.read(text) } catch let JSONReader.Failure.syntax(at, _) { #expect(at == offset, "\(text)") } catch { Issue.record("\(text): \(error)") }
        }
        // Invalid UTF-8 inside a string is refused, not repaired.
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xF0, 0x9F, 0x98, 0x22], [0x22, 0x41, 0xE4, 0xB8, 0x22], [0x22, 0x5C, 0x6E, 0xC3, 0x22]] {
            var reader = JSONReader(bytes)
            #expect(throws: JSONReader.Failure.self, "\(bytes)") { _ = try reader.readString() }
        }
        var chinese = JSONReader(Array("\"遂昌县\\n湖山乡🍵\"".utf8))
        #expect(try chinese.readString() == "遂昌县\n湖山乡🍵")
    }

    @Test func aValueOfTheWrongKindIsToldApartFromBadSyntax() throws {
        #expect(throws: JSONReader.Failure.kind(expected: "integer")) { _ = try Self.read(#"{"items":[{"n":"12"}]}"#) }
        #expect(throws: JSONReader.Failure.kind(expected: "integer")) { _ = try Self.read(#"{"items":[{"n":1.5}]}"#) }
        #expect(throws: JSONReader.Failure.kind(expected: "integer")) { _ = try Self.read(#"{"items":[{"n":99999999999999999999}]}"#) }
        #expect(throws: JSONReader.Failure.kind(expected: "integer")) { _ = try Self.read(#"{"items":[{"n":9223372036854775808}]}"#) }
        #expect(throws: JSONReader.Failure.kind(expected: "integer")) { _ = try Self.read(#"{"items":[{"n":2e3}]}"#) }
        #expect(try Self.read(#"{"items":[{"n":-9223372036854775808},{"n":9223372036854775807},{"n":-0},{"n":0}]}"#).map { $0["n"] }
                == ["\(Int.min)", "\(Int.max)", "0", "0"])
        #expect(throws: JSONReader.Failure.kind(expected: "string")) { _ = try Self.read(#"{"items":[{"w":7}]}"#) }
        #expect(throws: JSONReader.Failure.kind(expected: "array")) { _ = try Self.read(#"{"items":{"w":"x"}}"#) }
        // Nesting is bounded: a body of 10,000 brackets is an error, not a stack overflow.
        #expect(throws: JSONReader.Failure.self) { _ = try Self.read(#"{"skip":"# + String(repeating: "[", count: 10_000) + "}") }
    }

    @Test func writtenJSONIsReadBackByFoundation() throws {
        var json = JSONWriter()
        json.openObject()
        json.field("count", 3)
        json.field("absent", nil as String?)
        json.field("text", "引号\" 反斜杠\\ 换行\n 制表\t \u{01} /")
        json.field("errors", ["b": "2", "a": "1"])
        json.field("list", ["x", "y"])
        json.key("results")
        json.openArray()
        json.openObject(); json.field("i", 0); json.closeObject()
        json.openObject(); json.closeObject()
        json.null()
        json.bool(true)
        json.closeArray()
        json.closeObject()
        let text = try #require(String(bytes: json.bytes, encoding: .utf8))
        #expect(text.hasPrefix(#"{"count":3,"text":"#) && !text.contains("absent") && text.contains(#"{"a":"1","b":"2"}"#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any])
        #expect(object["text"] as? String == "引号\" 反斜杠\\ 换行\n 制表\t \u{01} /")
        #expect((object["results"] as? [Any])?.count == 4 && object["list"] as? [String] == ["x", "y"])
    }
}
