import VintageLog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a shared log lives: a `postgresql://` (or `postgres://`) URL as libpq reads it —
/// `postgresql://user@host:port/database`, the host a name, an address, or a Unix-socket
/// directory (percent-encoded, `postgresql://user@%2Ftmp%2Fpgsock/db`, or given as
/// `?host=/path`). A password in the URL is used but never kept or printed.
public struct PostgresLogAddress: Hashable, Sendable, CustomStringConvertible {
    /// The user name.
    public var user: String
    /// The password given in the URL, if any (else ``password()`` looks elsewhere).
    public var urlPassword: String?
    /// The host name or address, or the directory of the server's Unix socket (starting with `/`).
    public var host: String
    /// The server's port (also the number in the socket's file name).
    public var port: Int
    /// The database.
    public var database: String

    /// Whether the server is reached through a Unix socket in ``host``.
    public var isUnixSocket: Bool { host.hasPrefix("/") }

    /// The socket file, for a Unix-socket host.
    public var socketPath: String { host + "/.s.PGSQL.\(port)" }

    /// The URL without a password: how the store directory records the log and messages name it.
    public var description: String {
        let hostPart = isUnixSocket ? Self.percentEncoded(host) : host
        return "postgresql://\(Self.percentEncoded(user))@\(hostPart):\(port)/\(Self.percentEncoded(database))"
    }

    /// Parses a URL; the error says in one line what is wrong with it.
    public init(parsing text: String) throws(SharedLogError) {
        func bad(_ reason: String) -> SharedLogError { .badAddress(text: Self.redacted(text), reason: reason) }
        var rest = Substring(text)
        if rest.hasPrefix("postgresql://") {
            rest = rest.dropFirst("postgresql://".count)
        } else if rest.hasPrefix("postgres://") {
            rest = rest.dropFirst("postgres://".count)
        } else {
            throw bad("it must start with postgresql:// or postgres://")
        }
        var query: Substring = ""
        if let q = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var userInfo: Substring?
        if let at = rest.lastIndex(of: "@") {
            userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        var hostText = String(rest), portText: String?
        if let colon = rest.lastIndex(of: ":"), !rest.hasPrefix("[") || rest[..<colon].hasSuffix("]") {
            hostText = String(rest[..<colon])
            portText = String(rest[rest.index(after: colon)...])
        }
        var user: String?, password: String?
        if let userInfo {
            if let colon = userInfo.firstIndex(of: ":") {
                user = Self.percentDecoded(userInfo[..<colon])
                password = Self.percentDecoded(userInfo[userInfo.index(after: colon)...])
            } else {
                user = Self.percentDecoded(userInfo)
            }
        }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]), value = parts.count > 1 ? Self.percentDecoded(parts[1]) : ""
            switch key {
            case "host": hostText = value
            case "port": portText = value
            case "user": user = value
            case "dbname": path = Substring(value)
            case "password": password = value
            default: break
            }
        }
        hostText = Self.percentDecoded(Substring(hostText))
        if hostText.isEmpty {
            hostText = Self.environment("PGHOST") ?? "localhost"
        }
        let port: Int
        if let portText, !portText.isEmpty {
            guard let p = Int(portText), (1...65535).contains(p) else { throw bad("its port '\(portText)' is not a number from 1 to 65535") }
            port = p
        } else {
            port = Self.environment("PGPORT").flatMap { Int($0) } ?? 5432
        }
        let database = Self.percentDecoded(path)
        guard !database.isEmpty else { throw bad("it names no database (postgresql://user@host:port/DATABASE)") }
        guard let user = user.flatMap({ $0.isEmpty ? nil : $0 }) ?? Self.environment("PGUSER") ?? Self.environment("USER") else {
            throw bad("it names no user (postgresql://USER@host:port/database)")
        }
        self.user = user
        urlPassword = password
        host = hostText
        self.port = port
        self.database = database
    }

    /// The password: the URL's, else `$PGPASSWORD`, else the first matching line of
    /// `$PGPASSFILE` or `~/.pgpass` (`host:port:database:user:password`, `*` matching
    /// anything; a socket host matches `localhost` too, as in libpq); nil when none.
    public func password() -> String? {
        if let urlPassword { return urlPassword }
        if let env = Self.environment("PGPASSWORD") { return env }
        let file = Self.environment("PGPASSFILE") ?? Self.environment("HOME").map { $0 + "/.pgpass" }
        guard let file, let text = Self.readFile(file) else { return nil }
        let hosts = isUnixSocket ? [host, "localhost"] : [host]
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) where !line.hasPrefix("#") {
            let fields = Self.passFileFields(line)
            guard fields.count == 5 else { continue }
            func matches(_ field: String, _ values: [String]) -> Bool { field == "*" || values.contains(field) }
            if matches(fields[0], hosts), matches(fields[1], ["\(port)"]), matches(fields[2], [database]), matches(fields[3], [user]) {
                return fields[4]
            }
        }
        return nil
    }

    /// `line` split at unescaped colons, with `\:` and `\\` unescaped.
    static func passFileFields(_ line: Substring) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for c in line {
            if escaped {
                current.append(c); escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == ":" {
                fields.append(current); current = ""
            } else {
                current.append(c)
            }
        }
        fields.append(current)
        return fields
    }

    /// `text` with any password between `://user:` and `@` removed, for messages.
    static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return text }
        let afterScheme = text[scheme.upperBound...]
        guard let at = afterScheme.firstIndex(of: "@"), let colon = afterScheme[..<at].firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + String(afterScheme[at...])
    }

    static func environment(_ name: String) -> String? {
        guard let value = getenv(name), value.pointee != 0 else { return nil }
        return String(cString: value)
    }

    static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func percentDecoded(_ text: Substring) -> String {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let b = bytes.popFirst() {
            if b == UInt8(ascii: "%"), bytes.count >= 2, let v = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16) {
                out.append(v)
                bytes = bytes.dropFirst(2)
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for b in text.utf8 {
            let c = Character(Unicode.Scalar(b))
            if b < 128, c.isLetter || c.isNumber || "-._~".contains(c) {
                out.append(c)
            } else {
                out += "%" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
