import Foundation
import NIOCore

/// Encodes `Encodable` values as JSON straight into a `ByteBuffer`, as they are visited.
///
/// Foundation's `JSONEncoder` first builds a tree of boxed values and then serialises it into a
/// `Data` that is copied once more into the frame; for the servers that was a fifth of their CPU
/// time. This encoder writes each key and value where it belongs as soon as it is encoded, with
/// the conventions of ``WireFormat``: keys in the order they are encoded, no whitespace, slashes
/// unescaped, dates as ISO 8601 (`2026-11-25T13:02:56Z`), `Data` as Base64, a value that encodes
/// nothing as `{}`, and a non-finite floating-point number as an error.
///
/// Streaming relies on what every `Codable` implementation does: a container is finished before
/// its parent encodes its next entry. Encoding a key twice in one keyed container writes it twice
/// (Foundation would keep the last value); nothing in the protocol does that.
enum StreamingJSONEncoder {
    static func encode(_ value: some Encodable, into buffer: inout ByteBuffer) throws {
        let sink = JSONSink(buffer: buffer)
        buffer = ByteBuffer()  // the sink holds the only reference while it writes
        defer { buffer = sink.buffer }
        try sink.encode(value, depth: 0)
        sink.close(deeperThan: 0)
    }
}

/// The output and the containers still open in it, innermost last.
private final class JSONSink {
    struct Level {
        var isObject: Bool
        var count: Int
    }

    var buffer: ByteBuffer
    var open: [Level] = []

    init(buffer: ByteBuffer) {
        self.buffer = buffer
        self.open.reserveCapacity(8)
    }

    /// Ends every container below `depth`, so the next write lands at that depth.
    func close(deeperThan depth: Int) {
        while self.open.count > depth {
            let level = self.open.removeLast()
            self.buffer.writeInteger(level.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        }
    }

    /// Starts a new entry of the container at `depth`: closes deeper containers and writes the
    /// separating comma.
    func beginEntry(at depth: Int) {
        self.close(deeperThan: depth + 1)
        if self.open[depth].count > 0 { self.buffer.writeInteger(UInt8(ascii: ",")) }
        self.open[depth].count += 1
    }

    func openContainer(isObject: Bool) {
        self.buffer.writeInteger(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
        self.open.append(Level(isObject: isObject, count: 0))
    }

    func writeKey(_ key: some CodingKey, at depth: Int) {
        self.beginEntry(at: depth)
        self.writeString(key.stringValue)
        self.buffer.writeInteger(UInt8(ascii: ":"))
    }

    /// Encodes a value whose container (if it makes one) lives at `depth`.
    func encode<Value: Encodable>(_ value: Value, depth: Int) throws {
        if Value.self == Date.self {
            self.writeDate(value as! Date)
        } else if Value.self == Data.self {
            self.writeString((value as! Data).base64EncodedString())
        } else if Value.self == URL.self {
            self.writeString((value as! URL).absoluteString)
        } else if Value.self == Decimal.self {
            self.buffer.writeString((value as! Decimal).description)
        } else {
            let start = self.buffer.writerIndex
            try value.encode(to: StreamingEncoder(sink: self, depth: depth))
            self.close(deeperThan: depth)
            if self.buffer.writerIndex == start { self.buffer.writeStaticString("{}") }
        }
    }

    func writeString(_ string: String) {
        self.buffer.writeJSONString(string)
    }

    func writeInteger(_ value: some FixedWidthInteger) {
        self.buffer.writeJSONInteger(value)
    }

    func writeBool(_ value: Bool) {
        self.buffer.writeStaticString(value ? "true" : "false")
    }

    func writeFloatingPoint<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F, path: [any CodingKey]) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(codingPath: path, debugDescription: "JSON has no representation for \(value)."))
        }
        self.buffer.writeString(value.description)
    }

    /// `2026-11-25T13:02:56Z`, as Foundation's `.iso8601` strategy writes it.
    func writeDate(_ date: Date) {
        self.writeString(date.formatted(.iso8601))
    }
}

private struct StreamingEncoder: Encoder {
    let sink: JSONSink
    /// Where this value's container sits in the sink's stack of open containers.
    let depth: Int

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        self.openIfNeeded(isObject: true)
        return KeyedEncodingContainer(KeyedContainer<Key>(sink: self.sink, depth: self.depth))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        self.openIfNeeded(isObject: false)
        return UnkeyedContainer(sink: self.sink, depth: self.depth)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(sink: self.sink, depth: self.depth)
    }

    /// A value may ask for its container more than once (a subclass and its superclass): they
    /// share one.
    private func openIfNeeded(isObject: Bool) {
        self.sink.close(deeperThan: self.depth + 1)
        if self.sink.open.count == self.depth + 1, self.sink.open[self.depth].isObject == isObject { return }
        self.sink.openContainer(isObject: isObject)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: JSONSink
    let depth: Int

    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {
        self.sink.writeKey(key, at: self.depth)
        self.sink.buffer.writeStaticString("null")
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        self.sink.writeKey(key, at: self.depth)
        self.sink.writeBool(value)
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        self.sink.writeKey(key, at: self.depth)
        self.sink.writeString(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        self.sink.writeKey(key, at: self.depth)
        try self.sink.writeFloatingPoint(value, path: [key])
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        self.sink.writeKey(key, at: self.depth)
        try self.sink.writeFloatingPoint(value, path: [key])
    }

    mutating func encode(_ value: Int, forKey key: Key) throws { self.integer(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { self.integer(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { self.integer(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { self.integer(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { self.integer(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { self.integer(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { self.integer(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { self.integer(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { self.integer(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { self.integer(value, key) }

    private func integer(_ value: some FixedWidthInteger, _ key: Key) {
        self.sink.writeKey(key, at: self.depth)
        self.sink.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        self.sink.writeKey(key, at: self.depth)
        try self.sink.encode(value, depth: self.depth + 1)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        self.sink.writeKey(key, at: self.depth)
        self.sink.openContainer(isObject: true)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(sink: self.sink, depth: self.depth + 1))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        self.sink.writeKey(key, at: self.depth)
        self.sink.openContainer(isObject: false)
        return UnkeyedContainer(sink: self.sink, depth: self.depth + 1)
    }

    mutating func superEncoder() -> any Encoder {
        self.sink.writeKey(SuperKey.super, at: self.depth)
        return StreamingEncoder(sink: self.sink, depth: self.depth + 1)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        self.sink.writeKey(key, at: self.depth)
        return StreamingEncoder(sink: self.sink, depth: self.depth + 1)
    }
}

private enum SuperKey: String, CodingKey {
    case `super`
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let sink: JSONSink
    let depth: Int

    var codingPath: [any CodingKey] { [] }
    var count: Int { self.sink.open.count > self.depth ? self.sink.open[self.depth].count : 0 }

    mutating func encodeNil() throws {
        self.sink.beginEntry(at: self.depth)
        self.sink.buffer.writeStaticString("null")
    }

    mutating func encode(_ value: Bool) throws {
        self.sink.beginEntry(at: self.depth)
        self.sink.writeBool(value)
    }

    mutating func encode(_ value: String) throws {
        self.sink.beginEntry(at: self.depth)
        self.sink.writeString(value)
    }

    mutating func encode(_ value: Double) throws {
        self.sink.beginEntry(at: self.depth)
        try self.sink.writeFloatingPoint(value, path: [])
    }

    mutating func encode(_ value: Float) throws {
        self.sink.beginEntry(at: self.depth)
        try self.sink.writeFloatingPoint(value, path: [])
    }

    mutating func encode(_ value: Int) throws { self.integer(value) }
    mutating func encode(_ value: Int8) throws { self.integer(value) }
    mutating func encode(_ value: Int16) throws { self.integer(value) }
    mutating func encode(_ value: Int32) throws { self.integer(value) }
    mutating func encode(_ value: Int64) throws { self.integer(value) }
    mutating func encode(_ value: UInt) throws { self.integer(value) }
    mutating func encode(_ value: UInt8) throws { self.integer(value) }
    mutating func encode(_ value: UInt16) throws { self.integer(value) }
    mutating func encode(_ value: UInt32) throws { self.integer(value) }
    mutating func encode(_ value: UInt64) throws { self.integer(value) }

    private func integer(_ value: some FixedWidthInteger) {
        self.sink.beginEntry(at: self.depth)
        self.sink.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        self.sink.beginEntry(at: self.depth)
        try self.sink.encode(value, depth: self.depth + 1)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        self.sink.beginEntry(at: self.depth)
        self.sink.openContainer(isObject: true)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(sink: self.sink, depth: self.depth + 1))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        self.sink.beginEntry(at: self.depth)
        self.sink.openContainer(isObject: false)
        return UnkeyedContainer(sink: self.sink, depth: self.depth + 1)
    }

    mutating func superEncoder() -> any Encoder {
        self.sink.beginEntry(at: self.depth)
        return StreamingEncoder(sink: self.sink, depth: self.depth + 1)
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let sink: JSONSink
    let depth: Int

    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { self.sink.buffer.writeStaticString("null") }
    mutating func encode(_ value: Bool) throws { self.sink.writeBool(value) }
    mutating func encode(_ value: String) throws { self.sink.writeString(value) }
    mutating func encode(_ value: Double) throws { try self.sink.writeFloatingPoint(value, path: []) }
    mutating func encode(_ value: Float) throws { try self.sink.writeFloatingPoint(value, path: []) }
    mutating func encode(_ value: Int) throws { self.sink.writeInteger(value) }
    mutating func encode(_ value: Int8) throws { self.sink.writeInteger(value) }
    mutating func encode(_ value: Int16) throws { self.sink.writeInteger(value) }
    mutating func encode(_ value: Int32) throws { self.sink.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { self.sink.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { self.sink.writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { self.sink.writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { self.sink.writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { self.sink.writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { self.sink.writeInteger(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try self.sink.encode(value, depth: self.depth)
    }
}
