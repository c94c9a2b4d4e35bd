/// A weighted choice among operations.
public struct OperationMix<Operation: Hashable & Sendable>: Sendable {
    public let weights: [(operation: Operation, weight: Int)]
    private let total: Int

    public init(_ weights: [(Operation, Int)]) {
        precondition(weights.allSatisfy { $0.1 > 0 })
        self.weights = weights.map { (operation: $0.0, weight: $0.1) }
        self.total = weights.reduce(0) { $0 + $1.1 }
    }

    /// The share of each operation, in percent.
    public var percentages: [(operation: Operation, percent: Double)] {
        self.weights.map { ($0.operation, 100 * Double($0.weight) / Double(self.total)) }
    }

    func pick(using generator: inout some RandomNumberGenerator) -> Operation {
        var ticket = Int.random(in: 0..<self.total, using: &generator)
        for (operation, weight) in self.weights {
            if ticket < weight { return operation }
            ticket -= weight
        }
        return self.weights[self.weights.count - 1].operation
    }
}
