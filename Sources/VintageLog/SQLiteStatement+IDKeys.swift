import VintageSQLite

extension SQLiteStatement {
    /// The seqs this statement, a query of the id index with the key as its one parameter,
    /// gives for `key`: the events whose id may be the one sought (keys can collide, so each
    /// candidate's id is compared afterwards).
    func seqs(withIDKey key: Int64) throws -> [Int64] {
        defer { reset() }
        try bind(1, key)
        var seqs: [Int64] = []
        while try step() { seqs.append(int64(0)) }
        return seqs
    }
}
