import MarketClient
import MarketCore

/// One benchmark seller: its own connection, account and session, and a mix of reads and writes
/// on its own items.
struct SellerWorker: Sendable {
    enum Operation: String, CaseIterable, Sendable {
        case displayItemsForSale = "DisplayItemsForSale"
        case getSellerRating = "GetSellerRating"
        case changeItemPrice = "ChangeItemPrice"
        case registerItemForSale = "RegisterItemForSale"
        case updateUnitsForSale = "UpdateUnitsForSale"
    }

    /// The seller mix: reads 50 %, writes 50 %. New listings are rarer than price changes, as in
    /// a real shop (and at 1000 calls per seller per run a higher rate would grow the catalogue
    /// by a hundred items per seller per run).
    static let mix = OperationMix<Operation>([
        (.displayItemsForSale, 25),
        (.getSellerRating, 25),
        (.changeItemPrice, 25),
        (.registerItemForSale, 5),
        (.updateUnitsForSale, 20),
    ])

    let client: SellerClient
    let index: Int
    var items: [ItemID]
    var generator: SplitMix64
    var registered = 0

    init(client: SellerClient, index: Int, items: [ItemID]) {
        self.client = client
        self.index = index
        self.items = items
        self.generator = SplitMix64(seed: UInt64(index) &* 7919 &+ 1)
    }

    /// Runs one operation of the mix and records how long it took.
    mutating func step(into recorder: inout LatencyRecorder) async {
        let operation = Self.mix.pick(using: &self.generator)
        let name = "Seller.\(operation.rawValue)"
        let clock = ContinuousClock()
        let start = clock.now
        do {
            switch operation {
            case .displayItemsForSale:
                _ = try await self.client.items(limit: 20)
            case .getSellerRating:
                _ = try await self.client.rating()
            case .changeItemPrice:
                let item = self.items.randomElement(using: &self.generator)!
                _ = try await self.client.changePrice(of: item, to: Money(cents: Int64.random(in: 100...99_999, using: &self.generator)))
            case .registerItemForSale:
                self.registered += 1
                _ = try await self.client.registerItem(Catalogue.draft(seller: self.index, index: 1_000 + self.registered))
            case .updateUnitsForSale:
                let item = self.items.randomElement(using: &self.generator)!
                _ = try await self.client.removeUnits(1, of: item)
            }
            recorder.record(name, nanoseconds: (clock.now - start).nanoseconds)
        } catch {
            recorder.recordError(name, message: "\(error.code): \(error.message)")
        }
    }
}
