/// A type that writes itself as JSON with ``JSONWriter``, without `Encodable`'s machinery.
///
/// The fast path for the results the servers send most (items, pages, carts): written through
/// `Encodable`, every field of every item went through existential containers and runtime
/// generic look-ups, a fifth of a server's CPU time. A conforming type writes exactly the bytes
/// its `Encodable` conformance writes, so peers see no difference (`JSONCodableTests` checks
/// every conformance against `JSONEncoder`).
public protocol JSONWritable {
    func writeJSON(to json: inout JSONWriter)
}

/// A type that reads itself from JSON with ``JSONReader``, without `Decodable`'s machinery: the
/// clients' counterpart of ``JSONWritable`` (Foundation's `JSONDecoder` was two thirds of the
/// benchmark's CPU time, reading pages of items). It accepts what its `Decodable` conformance
/// accepts from a server: keys in any order, unknown keys ignored, optional keys absent or null.
public protocol JSONReadable {
    init(json: inout JSONReader) throws
}

public typealias JSONCodable = JSONWritable & JSONReadable

// MARK: - Standard library types

extension String: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.string(self) }
    public init(json: inout JSONReader) throws { self = try json.readString() }
}

extension Bool: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.bool(self) }
    public init(json: inout JSONReader) throws { self = try json.readBool() }
}

extension Int: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.integer(self) }
    public init(json: inout JSONReader) throws { self = try json.readInteger() }
}

extension Int64: JSONCodable {
    public func writeJSON(to json: inout JSONWriter) { json.integer(self) }
    public init(json: inout JSONReader) throws { self = try json.readInteger() }
}

extension Array: JSONWritable where Element: JSONWritable {
    public func writeJSON(to json: inout JSONWriter) { json.array(self) }
}

extension Array: JSONReadable where Element: JSONReadable {
    public init(json: inout JSONReader) throws {
        self = try json.readArray(of: Element.self)
    }
}

extension Optional where Wrapped: JSONReadable {
    /// Reads a value that may be `null` (or, with a key that may be absent, leave it `nil`).
    public init(json: inout JSONReader) throws {
        self = try json.readNull() ? nil : try Wrapped(json: &json)
    }
}

// MARK: - Reading objects

extension JSONReader {
    /// The value of a required key, or the error naming it.
    public func required<Value>(_ value: Value?, _ key: StaticString) throws -> Value {
        guard let value else { throw self.missing(key) }
        return value
    }

    /// Reads an array of `Element`s. Generic code (``Page``) calls this rather than `[Element]`'s
    /// own initialiser, which would cost a run-time look-up of `Array`'s conditional conformance.
    public mutating func readArray<Element: JSONReadable>(of _: Element.Type) throws -> [Element] {
        var elements: [Element] = []
        try self.readArray { json in elements.append(try Element(json: &json)) }
        return elements
    }

    /// Reads an object of which only `key` matters: its value is required, other keys are skipped.
    public mutating func readObject<Value: JSONReadable>(field key: StaticString, _: Value.Type) throws -> Value {
        var value: Value?
        try self.readObject { json, found in
            if key ~= found {
                value = try Value(json: &json)
            } else {
                try json.skipValue()
            }
        }
        return try self.required(value, key)
    }

    /// Reads an object whose two keys are required; other keys are skipped.
    public mutating func readObject<A: JSONReadable, B: JSONReadable>(
        _ keyA: StaticString, _: A.Type, _ keyB: StaticString, _: B.Type
    ) throws -> (A, B) {
        var a: A?
        var b: B?
        try self.readObject { json, key in
            if keyA ~= key {
                a = try A(json: &json)
            } else if keyB ~= key {
                b = try B(json: &json)
            } else {
                try json.skipValue()
            }
        }
        return (try self.required(a, keyA), try self.required(b, keyB))
    }

    /// Reads an object whose three keys are required; other keys are skipped.
    public mutating func readObject<A: JSONReadable, B: JSONReadable, C: JSONReadable>(
        _ keyA: StaticString, _: A.Type, _ keyB: StaticString, _: B.Type, _ keyC: StaticString, _: C.Type
    ) throws -> (A, B, C) {
        var a: A?
        var b: B?
        var c: C?
        try self.readObject { json, key in
            if keyA ~= key {
                a = try A(json: &json)
            } else if keyB ~= key {
                b = try B(json: &json)
            } else if keyC ~= key {
                c = try C(json: &json)
            } else {
                try json.skipValue()
            }
        }
        return (try self.required(a, keyA), try self.required(b, keyB), try self.required(c, keyC))
    }

    /// Reads a string that must be one of `Value`'s raw values.
    public mutating func readEnum<Value: RawRepresentable<String>>(_: Value.Type) throws -> Value {
        let start = self.offset
        let text = try self.readString()
        guard let value = Value(rawValue: text) else { throw self.invalid("unknown value \"\(text)\"", at: start) }
        return value
    }
}
