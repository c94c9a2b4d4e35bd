import MarketCore

extension DecodingError {
    /// Turns a decoding failure into what the client should hear: which field (as a dotted path
    /// below `args`) and what was wrong with it, without Swift type names.
    func marketError(below prefix: String = "args") -> MarketError {
        switch self {
        case .keyNotFound(let key, let context):
            let field = Self.fieldPath(context.codingPath + [key], below: prefix)
            return MarketError(.invalidArgument, "Missing field “\(field)”.", field: field)
        case .valueNotFound(_, let context):
            let field = Self.fieldPath(context.codingPath, below: prefix)
            return MarketError(.invalidArgument, "Field “\(field)” must not be null.", field: field)
        case .typeMismatch(let type, let context):
            let field = Self.fieldPath(context.codingPath, below: prefix)
            return MarketError(
                .invalidArgument,
                "Field “\(field)” has the wrong type: expected \(Self.describe(type)).",
                field: field
            )
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return MarketError(.badRequest, "The frame is not a valid UTF-8 JSON object.")
            }
            let field = Self.fieldPath(context.codingPath, below: prefix)
            return MarketError(.invalidArgument, "Field “\(field)”: \(context.debugDescription)", field: field)
        @unknown default:
            return MarketError(.badRequest, "The request could not be decoded.")
        }
    }

    static func fieldPath(_ path: [any CodingKey], below prefix: String) -> String {
        var names = path.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }
        if names.first == prefix, names.count > 1 { names.removeFirst() }
        return names.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt32.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}

import Foundation
