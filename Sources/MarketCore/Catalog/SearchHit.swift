/// One search result: the item and how many of the query's keywords it matched.
public struct SearchHit: Sendable, Hashable, Codable {
    public var item: Item
    public var matchedKeywords: Int

    public init(item: Item, matchedKeywords: Int) {
        self.item = item
        self.matchedKeywords = matchedKeywords
    }
}
