/// A pull parser for one JSON text, read in place: values are read in the order they appear, by
/// code that knows what it expects (``JSONReadable``), with no intermediate tree.
///
/// Strict where it matters for safety: strings must be valid UTF-8 and properly escaped, integers
/// must fit, nesting is bounded, and every read checks its bounds. Numbers other than integers are
/// only skipped (no type on the fast path has one).
public struct JSONReader: ~Copyable {
    /// Why a text could not be read, with the byte offset where reading stopped.
    public struct Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        public var reason: String
        public var offset: Int

        public var description: String { "\(self.reason) at byte \(self.offset)" }
    }

    /// The deepest nesting ``skipValue()`` follows.
    static let maximumDepth = 256

    private let bytes: UnsafeRawBufferPointer
    /// The offset of the next unread byte.
    public private(set) var offset: Int

    /// - Parameter bytes: must stay valid for the reader's lifetime.
    public init(bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    // MARK: - Structure

    /// Reads an object, calling `body` with each key; `body` must read (or skip) the key's value.
    public mutating func readObject(_ body: (inout JSONReader, JSONKey) throws -> Void) throws {
        try self.expect(UInt8(ascii: "{"))
        if try self.peekSignificant() == UInt8(ascii: "}") {
            self.offset += 1
            return
        }
        while true {
            let key = try self.readKey()
            try self.expect(UInt8(ascii: ":"))
            try body(&self, key)
            switch try self.nextSignificant() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return
            default: throw self.error("expected , or } after a value", at: self.offset - 1)
            }
        }
    }

    /// Reads an array, calling `body` once per element; `body` must read (or skip) the element.
    public mutating func readArray(_ body: (inout JSONReader) throws -> Void) throws {
        try self.expect(UInt8(ascii: "["))
        if try self.peekSignificant() == UInt8(ascii: "]") {
            self.offset += 1
            return
        }
        while true {
            try body(&self)
            switch try self.nextSignificant() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return
            default: throw self.error("expected , or ] after an element", at: self.offset - 1)
            }
        }
    }

    /// Whether the next value is a string (nothing is consumed but whitespace).
    public mutating func nextIsString() throws -> Bool {
        try self.peekSignificant() == UInt8(ascii: "\"")
    }

    /// Reads `null` if it comes next and says whether it did.
    public mutating func readNull() throws -> Bool {
        guard try self.peekSignificant() == UInt8(ascii: "n") else { return false }
        try self.literal("null")
        return true
    }

    /// Skips one value of any kind, checking that it is well formed.
    public mutating func skipValue() throws {
        try self.skipValue(depth: 0)
    }

    private mutating func skipValue(depth: Int) throws {
        guard depth < Self.maximumDepth else { throw self.error("nesting deeper than \(Self.maximumDepth) levels", at: self.offset) }
        switch try self.peekSignificant() {
        case UInt8(ascii: "{"): try self.readObject { reader, _ in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): try self.readArray { reader in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): try self.scanString { _ in }
        case UInt8(ascii: "t"): try self.literal("true")
        case UInt8(ascii: "f"): try self.literal("false")
        case UInt8(ascii: "n"): try self.literal("null")
        default: try self.skipNumber()
        }
    }

    // MARK: - Scalars

    public mutating func readBool() throws -> Bool {
        switch try self.peekSignificant() {
        case UInt8(ascii: "t"):
            try self.literal("true")
            return true
        case UInt8(ascii: "f"):
            try self.literal("false")
            return false
        default:
            throw self.error("expected true or false", at: self.offset)
        }
    }

    /// Reads an integer written without fraction or exponent that fits in `Integer`.
    public mutating func readInteger<Integer: FixedWidthInteger>(_: Integer.Type = Integer.self) throws -> Integer {
        _ = try self.peekSignificant()
        let start = self.offset
        let negative = self.offset < self.bytes.count && self.bytes[self.offset] == UInt8(ascii: "-")
        if negative { self.offset += 1 }
        var value: Integer = 0
        var digits = 0
        while self.offset < self.bytes.count, case let byte = self.bytes[self.offset], byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            let digit = Integer(byte &- UInt8(ascii: "0"))
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { throw self.error("integer out of range", at: start) }
            value = next
            digits += 1
            self.offset += 1
        }
        guard digits > 0 else { throw self.error("expected an integer", at: start) }
        if digits > 1, self.bytes[start + (negative ? 1 : 0)] == UInt8(ascii: "0") {
            throw self.error("integer with a leading zero", at: start)
        }
        if self.offset < self.bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(self.bytes[self.offset]) {
            throw self.error("expected a whole number", at: start)
        }
        return value
    }

    public mutating func readString() throws -> String {
        var result: String?
        try self.scanString { utf8 in result = String(validating: utf8, as: UTF8.self) }
        guard let result else { throw self.error("string is not valid UTF-8", at: self.offset) }
        return result
    }

    // MARK: - Keys

    private mutating func readKey() throws -> JSONKey {
        guard try self.peekSignificant() == UInt8(ascii: "\"") else { throw self.error("expected a key", at: self.offset) }
        let start = self.offset + 1
        // Keys are nearly always plain ASCII: compare them in place.
        var end = start
        while end < self.bytes.count, case let byte = self.bytes[end], byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 {
            end += 1
        }
        if end < self.bytes.count, self.bytes[end] == UInt8(ascii: "\"") {
            self.offset = end + 1
            return JSONKey(bytes: UnsafeRawBufferPointer(rebasing: self.bytes[start..<end]))
        }
        // An escaped key: decoded, it can only equal one of ours if it spells it.
        let text = try self.readString()
        return JSONKey(decoded: text)
    }

    // MARK: - Scanning

    /// Reads a string and hands `body` its UTF-8 bytes with escapes resolved (not yet validated).
    private mutating func scanString(_ body: (UnsafeRawBufferPointer) -> Void) throws {
        try self.expect(UInt8(ascii: "\""))
        let start = self.offset
        while self.offset < self.bytes.count {
            let byte = self.bytes[self.offset]
            if byte == UInt8(ascii: "\"") {
                body(UnsafeRawBufferPointer(rebasing: self.bytes[start..<self.offset]))
                self.offset += 1
                return
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw self.error("control character in a string", at: self.offset) }
            self.offset += 1
        }
        // Escapes: copy what came before, then resolve them one by one.
        var unescaped = Array(UnsafeRawBufferPointer(rebasing: self.bytes[start..<self.offset]))
        while self.offset < self.bytes.count {
            let byte = self.bytes[self.offset]
            self.offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                unescaped.withUnsafeBytes { body($0) }
                return
            case UInt8(ascii: "\\"):
                try self.unescape(into: &unescaped)
            case ..<0x20:
                throw self.error("control character in a string", at: self.offset - 1)
            default:
                unescaped.append(byte)
            }
        }
        throw self.error("unterminated string", at: start - 1)
    }

    private mutating func unescape(into output: inout [UInt8]) throws {
        guard self.offset < self.bytes.count else { throw self.error("unterminated escape", at: self.offset) }
        let escape = self.bytes[self.offset]
        self.offset += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try self.hexQuad())
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by an escaped low one.
                guard self.offset + 1 < self.bytes.count, self.bytes[self.offset] == UInt8(ascii: "\\"), self.bytes[self.offset + 1] == UInt8(ascii: "u") else {
                    throw self.error("unpaired surrogate", at: self.offset)
                }
                self.offset += 2
                let low = UInt32(try self.hexQuad())
                guard (0xDC00..<0xE000).contains(low) else { throw self.error("unpaired surrogate", at: self.offset - 6) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw self.error("unpaired surrogate", at: self.offset - 6) }
            output.append(contentsOf: UTF8.encode(unicode)!)
        default:
            throw self.error("unknown escape", at: self.offset - 2)
        }
    }

    private mutating func hexQuad() throws -> UInt16 {
        guard self.offset + 4 <= self.bytes.count else { throw self.error("short \\u escape", at: self.offset) }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = self.bytes[self.offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw self.error("bad \\u escape", at: self.offset)
            }
            value = value << 4 | UInt16(digit)
            self.offset += 1
        }
        return value
    }

    private mutating func skipNumber() throws {
        let start = self.offset
        if self.offset < self.bytes.count, self.bytes[self.offset] == UInt8(ascii: "-") { self.offset += 1 }
        let integerDigits = self.skipDigits()
        guard integerDigits > 0 else { throw self.error("unexpected character", at: start) }
        if self.offset < self.bytes.count, self.bytes[self.offset] == UInt8(ascii: ".") {
            self.offset += 1
            guard self.skipDigits() > 0 else { throw self.error("malformed number", at: start) }
        }
        if self.offset < self.bytes.count, self.bytes[self.offset] | 0x20 == UInt8(ascii: "e") {
            self.offset += 1
            if self.offset < self.bytes.count, self.bytes[self.offset] == UInt8(ascii: "+") || self.bytes[self.offset] == UInt8(ascii: "-") {
                self.offset += 1
            }
            guard self.skipDigits() > 0 else { throw self.error("malformed number", at: start) }
        }
    }

    private mutating func skipDigits() -> Int {
        let start = self.offset
        while self.offset < self.bytes.count, case let byte = self.bytes[self.offset], byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            self.offset += 1
        }
        return self.offset - start
    }

    private mutating func literal(_ word: StaticString) throws {
        let start = self.offset
        let count = word.utf8CodeUnitCount
        guard self.offset + count <= self.bytes.count,
            word.withUTF8Buffer({ $0.elementsEqual(self.bytes[start..<(start + count)]) })
        else { throw self.error("unexpected character", at: start) }
        self.offset += count
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard try self.nextSignificant() == byte else {
            throw self.error("expected \(Character(Unicode.Scalar(byte)))", at: self.offset - 1)
        }
    }

    /// The next byte that is not whitespace, consumed.
    private mutating func nextSignificant() throws -> UInt8 {
        let byte = try self.peekSignificant()
        self.offset += 1
        return byte
    }

    /// The next byte that is not whitespace, left unread (whitespace before it is consumed).
    private mutating func peekSignificant() throws -> UInt8 {
        while self.offset < self.bytes.count {
            switch self.bytes[self.offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): self.offset += 1
            case let byte: return byte
            }
        }
        throw self.error("unexpected end of text", at: self.offset)
    }

    /// Checks that nothing but whitespace follows.
    public mutating func expectEnd() throws {
        while self.offset < self.bytes.count {
            switch self.bytes[self.offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): self.offset += 1
            default: throw self.error("unexpected text after the value", at: self.offset)
            }
        }
    }

    func error(_ reason: String, at offset: Int) -> Error {
        Error(reason: reason, offset: offset)
    }

    /// The error for a required key that an object lacked.
    public func missing(_ key: StaticString) -> Error {
        Error(reason: "missing key \"\(key)\"", offset: self.offset)
    }

    /// The error for a value that was read but is not acceptable (an unknown enum case, …).
    public func invalid(_ what: String, at offset: Int) -> Error {
        Error(reason: what, offset: offset)
    }
}

/// An object key as read: compared in place with the keys a type knows (`case "name":`). Valid
/// only inside the ``JSONReader/readObject(_:)`` call that produced it.
public struct JSONKey {
    private let bytes: UnsafeRawBufferPointer
    private let decoded: String?

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        self.decoded = nil
    }

    init(decoded: String) {
        self.bytes = UnsafeRawBufferPointer(start: nil, count: 0)
        self.decoded = decoded
    }

    public static func ~= (pattern: StaticString, key: JSONKey) -> Bool {
        if let decoded = key.decoded { return decoded == pattern.description }
        return pattern.withUTF8Buffer { $0.elementsEqual(key.bytes) }
    }
}
