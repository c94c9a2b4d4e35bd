public import MarketCore

/// A response as a server writes it: `{"id", "ok": true, "result"}` or
/// `{"id", "ok": false, "error": {"code", "message", "field"?}}`. The id is null only when the
/// request's own id could not be read.
public enum OutgoingResponse: Encodable, Sendable {
    case success(id: Int64, result: any Encodable & Sendable)
    case failure(id: Int64?, error: MarketError)

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: EnvelopeKey.self)
        switch self {
        case .success(let id, let result):
            try container.encode(id, forKey: .id)
            try container.encode(true, forKey: .ok)
            try container.encode(result, forKey: .result)
        case .failure(let id, let error):
            if let id {
                try container.encode(id, forKey: .id)
            } else {
                try container.encodeNil(forKey: .id)
            }
            try container.encode(false, forKey: .ok)
            try container.encode(error, forKey: .error)
        }
    }
}
