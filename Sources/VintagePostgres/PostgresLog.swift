import PostgresNIO
import Vintage
import VintageLog

/// The log shared by a team's hosts, in a PostgreSQL database: the same record batches as
/// the embedded log (bytes, digests, links; table `batches`), a one-row `log_head` holding the
/// last seq and link — locked by every append, which serialises them — and `store_meta`
/// with the format version. Each host keeps a replica (its local `log.sqlite`); this type is
/// the replica's ``LogUpstream``.
///
/// One instance is one connection, used from one thread at a time.
public final class PostgresLog: LogUpstream {
    /// Where the log lives.
    public let address: PostgresLogAddress
    let connection: PostgresConnection
    let logger: Logger
    /// Whether an append's transaction is open (between ``beginAppend(replicaHead:)`` and its end).
    var inTransactionFlag = false
    private var closed = false
    /// How long an append waits for the head row's lock.
    let lockTimeoutMilliseconds: Int
    /// Whether the connection was lost (see ``rows(_:timeout:)``).
    private(set) var broken = false

    /// The channel every append notifies, with its last seq (see `vintage follow`).
    static let channel = "vintage_log"

    public var name: String { address.description }

    /// The shared log's store format, read by ``checkFormat()`` (a new log's is the current one).
    public internal(set) var formatVersion = Store.formatVersion

    /// Connects to the server. A refused user, password or database is a user error
    /// (``SharedLogError``); an unreachable server is ``LogError/unavailable(log:reason:)``.
    ///
    /// An append waits up to `lockTimeoutMilliseconds` for another host's append (the head
    /// row's lock), then fails with ``LogError/locked(path:waitedMilliseconds:)``.
    public init(address: PostgresLogAddress, lockTimeoutMilliseconds: Int = 60_000) throws(StoreError) {
        self.address = address
        self.lockTimeoutMilliseconds = lockTimeoutMilliseconds
        var quiet = Logger(label: "vintage.postgres")
        quiet.logLevel = .critical
        let logger = quiet
        self.logger = logger
        var configuration: PostgresConnection.Configuration
        if address.isUnixSocket {
            configuration = .init(
                unixSocketPath: address.socketPath, username: address.user, password: address.password(), database: address.database)
        } else {
            configuration = .init(
                host: address.host, port: address.port, username: address.user, password: address.password(), database: address.database,
                tls: .disable)
        }
        configuration.options.connectTimeout = .seconds(10)
        // An append waits at most this long for another host's append (the head row's lock),
        // as `--wait`'s default bounds the local lock.
        configuration.options.additionalStartupParameters = [("lock_timeout", "\(max(1, lockTimeoutMilliseconds))ms")]
        let config = configuration
        do {
            connection = try awaited { try await PostgresConnection.connect(configuration: config, id: 1, logger: logger) }
        } catch {
            throw Self.connectionError(error, log: address.description)
        }
    }

    /// Closes the connection (also done when the log is freed).
    public func close() {
        guard !closed else { return }
        closed = true
        guard !broken else { return }
        let connection = self.connection
        _ = try? awaited(timeout: .seconds(5)) { try await connection.close() }
    }

    deinit { close() }

    /// Runs `query`, returning its rows; errors become one-line ``LogError``s.
    /// A connection lost (or a server shutting down) fails every later query at once, without
    /// sending it: a query on such a connection could wait for ever.
    @discardableResult
    func rows(_ query: PostgresQuery, timeout: Duration? = nil) throws(LogError) -> [PostgresRow] {
        if broken { throw .unavailable(log: name, reason: "the connection to the server was lost; nothing was written") }
        let connection = self.connection, logger = self.logger
        nonisolated(unsafe) let query = query
        do {
            if connection.isClosed { throw ConnectionLost() }
            return try awaited(timeout: timeout, closing: connection.closeFuture) { try await connection.query(query, logger: logger).collect() }
        } catch {
            if Self.losesConnection(error) { broken = true }
            throw Self.operationError(error, log: name, lockTimeoutMilliseconds: lockTimeoutMilliseconds)
        }
    }

    /// Whether `error` leaves the connection unusable: a connection-level failure, a timeout, or
    /// a server error of class 08 (connection exception) or 57P (shutdown, crash).
    static func losesConnection(_ error: any Error) -> Bool {
        if error is AwaitTimeout || error is ConnectionLost { return true }
        guard let e = error as? PSQLError else { return false }
        guard e.code == .server else { return true }
        let state = e.serverInfo?[.sqlState] ?? ""
        return state.hasPrefix("08") || state.hasPrefix("57P")
    }

    /// The error of a connection attempt, with its exit status class.
    static func connectionError(_ error: any Error, log: String) -> StoreError {
        if let e = error as? PSQLError, e.code == .server, let state = e.serverInfo?[.sqlState] {
            let message = e.serverInfo?[.message] ?? "error \(state)"
            // 28xxx: authentication; 3D000: no such database.
            if state.hasPrefix("28") || state == "3D000" { return SharedLogError.refused(log: log, reason: message).storeError }
            return .log(.unavailable(log: log, reason: message))
        }
        if let e = error as? PSQLError, e.code == .authMechanismRequiresPassword {
            return SharedLogError.refused(log: log, reason: "the server asks for a password (set PGPASSWORD or add it to ~/.pgpass)").storeError
        }
        return .log(operationError(error, log: log))
    }

    /// The error of a query, one line.
    static func operationError(_ error: any Error, log: String, lockTimeoutMilliseconds: Int = 0) -> LogError {
        if let e = error as? LogError { return e }
        if error is AwaitTimeout { return .unavailable(log: log, reason: "the server did not answer; nothing was written") }
        if error is ConnectionLost { return .unavailable(log: log, reason: "the server closed the connection; nothing was written") }
        if let e = error as? PSQLError {
            if e.code == .server, e.serverInfo?[.sqlState] == "55P03" {
                return .locked(path: log, waitedMilliseconds: lockTimeoutMilliseconds)
            }
            if e.code == .server, let message = e.serverInfo?[.message] {
                return .unavailable(log: log, reason: "\(message) (SQLSTATE \(e.serverInfo?[.sqlState] ?? "?")); nothing was written")
            }
            switch e.code {
            case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
                return .unavailable(log: log, reason: "the server closed the connection; nothing was written")
            case .connectionError:
                let detail = e.underlying.map { "\($0)" } ?? "cannot connect"
                return .unavailable(log: log, reason: "cannot connect (\(oneLine(detail)))")
            default:
                return .unavailable(log: log, reason: "\(e.code)")
            }
        }
        return .unavailable(log: log, reason: oneLine("\(error)"))
    }

    static func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
