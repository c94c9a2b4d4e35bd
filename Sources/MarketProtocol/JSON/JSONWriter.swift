public import NIOCore

/// Writes JSON straight into a `ByteBuffer`, driven by code that knows the shape of what it
/// writes (``JSONWritable``): no `Encoder`, no containers, no intermediate strings.
///
/// Output follows ``WireFormat``'s conventions, byte for byte as ``StreamingJSONEncoder`` writes
/// the same value: keys in the order written, no whitespace, slashes unescaped.
public struct JSONWriter {
    public var buffer: ByteBuffer
    /// Whether the next key needs a comma before it (a value was written in the current object).
    private var afterValue = false

    public init(buffer: ByteBuffer) {
        self.buffer = buffer
    }

    public mutating func beginObject() {
        self.buffer.writeInteger(UInt8(ascii: "{"))
        self.afterValue = false
    }

    public mutating func endObject() {
        self.buffer.writeInteger(UInt8(ascii: "}"))
        self.afterValue = true
    }

    /// Writes `"key":` (after a comma if the object already has an entry). `key` must need no
    /// escaping, as every key of the protocol does not.
    public mutating func key(_ key: StaticString) {
        if self.afterValue { self.buffer.writeInteger(UInt8(ascii: ",")) }
        self.buffer.writeInteger(UInt8(ascii: "\""))
        self.buffer.writeStaticString(key)
        self.buffer.writeStaticString("\":")
        self.afterValue = false
    }

    /// Writes one entry of an object.
    public mutating func field<Value: JSONWritable>(_ key: StaticString, _ value: Value) {
        self.key(key)
        value.writeJSON(to: &self)
    }

    /// Writes one entry of an object unless `value` is `nil` (as `encodeIfPresent` does).
    public mutating func fieldIfPresent<Value: JSONWritable>(_ key: StaticString, _ value: Value?) {
        guard let value else { return }
        self.field(key, value)
    }

    public mutating func string(_ value: String) {
        self.buffer.writeJSONString(value)
        self.afterValue = true
    }

    /// Writes a string of ASCII text that needs no escaping (digits, codes, dates).
    public mutating func plainString(_ write: (inout ByteBuffer) -> Void) {
        self.buffer.writeInteger(UInt8(ascii: "\""))
        write(&self.buffer)
        self.buffer.writeInteger(UInt8(ascii: "\""))
        self.afterValue = true
    }

    public mutating func integer(_ value: some FixedWidthInteger) {
        self.buffer.writeJSONInteger(value)
        self.afterValue = true
    }

    public mutating func bool(_ value: Bool) {
        self.buffer.writeStaticString(value ? "true" : "false")
        self.afterValue = true
    }

    public mutating func array<Element: JSONWritable>(_ elements: [Element]) {
        self.buffer.writeInteger(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { self.buffer.writeInteger(UInt8(ascii: ",")) }
            element.writeJSON(to: &self)
        }
        self.buffer.writeInteger(UInt8(ascii: "]"))
        self.afterValue = true
    }
}

extension ByteBuffer {
    /// Writes `string` as a JSON string: quoted, with `"`, `\` and control characters escaped.
    mutating func writeJSONString(_ string: String) {
        self.writeInteger(UInt8(ascii: "\""))
        let utf8 = string.utf8
        let needsEscaping = utf8.withContiguousStorageIfAvailable { $0.contains(where: Self.needsEscaping) } ?? utf8.contains(where: Self.needsEscaping)
        if !needsEscaping {
            self.writeString(string)
        } else {
            for byte in utf8 {
                guard Self.needsEscaping(byte) else {
                    self.writeInteger(byte)
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): self.writeStaticString("\\\"")
                case UInt8(ascii: "\\"): self.writeStaticString("\\\\")
                case UInt8(ascii: "\n"): self.writeStaticString("\\n")
                case UInt8(ascii: "\r"): self.writeStaticString("\\r")
                case UInt8(ascii: "\t"): self.writeStaticString("\\t")
                case 0x08: self.writeStaticString("\\b")
                case 0x0C: self.writeStaticString("\\f")
                default:
                    self.writeStaticString("\\u00")
                    self.writeInteger(Self.hexDigits[Int(byte >> 4)])
                    self.writeInteger(Self.hexDigits[Int(byte & 0x0F)])
                }
            }
        }
        self.writeInteger(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Writes `value` in decimal, without going through a `String`.
    mutating func writeJSONInteger(_ value: some FixedWidthInteger) {
        if value < 0 { self.writeInteger(UInt8(ascii: "-")) }
        var magnitude = UInt64(value.magnitude)
        var divisor: UInt64 = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        repeat {
            self.writeInteger(UInt8(ascii: "0") + UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        } while divisor > 0
    }
}
