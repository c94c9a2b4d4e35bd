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
        let comma = self.afterValue
        let count = key.utf8CodeUnitCount
        // One reservation and one copy: every separate write into a ByteBuffer checks its capacity
        // and the exclusivity of its storage, which for small tokens costs more than the copy.
        self.buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count + 4) { out in
            var index = 0
            if comma {
                out[0] = UInt8(ascii: ",")
                index = 1
            }
            out[index] = UInt8(ascii: "\"")
            UnsafeMutableRawBufferPointer(rebasing: out[(index + 1)...]).copyMemory(from: UnsafeRawBufferPointer(start: key.utf8Start, count: count))
            out[index + 1 + count] = UInt8(ascii: "\"")
            out[index + 2 + count] = UInt8(ascii: ":")
            return index + count + 3
        }
        self.afterValue = false
    }

    /// Writes one entry of an object.
    public mutating func field<Value: JSONWritable>(_ key: StaticString, _ value: Value) {
        self.key(key)
        value.writeJSON(to: &self)
    }

    /// Writes an object of one entry, `{"key":value}`.
    public mutating func object<Value: JSONWritable>(_ key: StaticString, _ value: Value) {
        self.beginObject()
        self.field(key, value)
        self.endObject()
    }

    /// Writes an object of two entries.
    public mutating func object<A: JSONWritable, B: JSONWritable>(_ keyA: StaticString, _ a: A, _ keyB: StaticString, _ b: B) {
        self.beginObject()
        self.field(keyA, a)
        self.field(keyB, b)
        self.endObject()
    }

    /// Writes an object of three entries.
    public mutating func object<A: JSONWritable, B: JSONWritable, C: JSONWritable>(
        _ keyA: StaticString, _ a: A, _ keyB: StaticString, _ b: B, _ keyC: StaticString, _ c: C
    ) {
        self.beginObject()
        self.field(keyA, a)
        self.field(keyB, b)
        self.field(keyC, c)
        self.endObject()
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

    /// Writes a string of `count` ASCII bytes that need no escaping (digits, dates), which
    /// `fill` writes into the space between the quotes.
    public mutating func plainString(count: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Void) {
        self.buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count + 2) { out in
            out[0] = UInt8(ascii: "\"")
            fill(UnsafeMutableRawBufferPointer(rebasing: out[1..<(count + 1)]))
            out[count + 1] = UInt8(ascii: "\"")
            return count + 2
        }
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

    /// Writes one entry whose value is an array. Generic code (``Page``) calls this rather than
    /// ``field(_:_:)``: an array of a generic element would otherwise cost a run-time look-up of
    /// `Array`'s conditional conformance on every call.
    public mutating func field<Element: JSONWritable>(_ key: StaticString, elements: [Element]) {
        self.key(key)
        self.array(elements)
    }
}

extension ByteBuffer {
    /// Writes `string` as a JSON string: quoted, with `"`, `\` and control characters escaped.
    mutating func writeJSONString(_ string: String) {
        var string = string
        let copied: Bool = string.withUTF8 { utf8 in
            guard !utf8.contains(where: Self.needsEscaping) else { return false }
            // The usual case, quotes and all in one reservation and one copy.
            self.writeWithUnsafeMutableBytes(minimumWritableBytes: utf8.count + 2) { out in
                out[0] = UInt8(ascii: "\"")
                UnsafeMutableRawBufferPointer(rebasing: out[1...]).copyMemory(from: UnsafeRawBufferPointer(utf8))
                out[utf8.count + 1] = UInt8(ascii: "\"")
                return utf8.count + 2
            }
            return true
        }
        guard !copied else { return }
        self.writeInteger(UInt8(ascii: "\""))
        for byte in string.utf8 {
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
        self.writeInteger(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Writes `value` in decimal, without going through a `String`.
    mutating func writeJSONInteger(_ value: some FixedWidthInteger) {
        let sign = value < 0 ? 1 : 0
        let magnitude = UInt64(value.magnitude)
        let digits = DecimalDigits.count(magnitude)
        self.writeWithUnsafeMutableBytes(minimumWritableBytes: sign + digits) { out in
            if sign == 1 { out[0] = UInt8(ascii: "-") }
            DecimalDigits.write(magnitude, into: out, at: sign, count: digits)
            return sign + digits
        }
    }
}

/// Decimal digits written straight into reserved bytes, for numbers, money and dates.
enum DecimalDigits {
    /// How many digits `value` has in decimal (one for zero).
    static func count(_ value: UInt64) -> Int {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        return digits
    }

    /// Writes `value` into `out[start..<start + count]`, zero-padded on the left to `count` digits.
    static func write(_ value: UInt64, into out: UnsafeMutableRawBufferPointer, at start: Int, count: Int) {
        var rest = value
        for position in stride(from: start + count - 1, through: start, by: -1) {
            out[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }
}
