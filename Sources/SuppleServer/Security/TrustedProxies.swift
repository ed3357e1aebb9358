import Foundation

/// The proxies (load balancers) whose `X-Forwarded-For` Supple believes, from
/// `SUPPLE_TRUSTED_PROXIES`: addresses or IPv4 ranges (`10.0.0.0/8`). Without it the client is
/// the connection's peer, so nobody can choose their own address by sending the header.
public struct TrustedProxies: Sendable, Equatable {
    let addresses: Set<String>
    let ranges: [IPv4Range]

    public static let none = TrustedProxies(addresses: [], ranges: [])

    init(addresses: Set<String>, ranges: [IPv4Range]) {
        self.addresses = addresses
        self.ranges = ranges
    }

    /// Nil, with the entry it could not read, for a list that is not addresses or ranges.
    public static func parse(_ list: String) -> Result<TrustedProxies, ProxyListProblem> {
        var addresses: Set<String> = []
        var ranges: [IPv4Range] = []
        for entry in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            if entry.contains("/") {
                guard let range = IPv4Range(entry) else { return .failure(ProxyListProblem(entry: entry)) }
                ranges.append(range)
            } else {
                guard IPv4Range.octets(entry) != nil || entry.contains(":") else { return .failure(ProxyListProblem(entry: entry)) }
                addresses.insert(entry.lowercased())
            }
        }
        return .success(TrustedProxies(addresses: addresses, ranges: ranges))
    }

    func trusts(_ address: String) -> Bool {
        addresses.contains(address.lowercased()) || ranges.contains { $0.contains(address) }
    }

    /// The client: the peer, unless the peer is a trusted proxy, in which case the nearest hop in
    /// `X-Forwarded-For` that is not itself a trusted proxy.
    func client(peer: String?, forwardedFor: String?) -> String? {
        guard let peer, trusts(peer), let forwardedFor else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for hop in hops.reversed() where !trusts(hop) { return String(hop.prefix(64)) }
        return hops.first.map { String($0.prefix(64)) } ?? peer
    }
}

public struct ProxyListProblem: Error, Equatable {
    public let entry: String
}

/// An IPv4 range in CIDR notation.
struct IPv4Range: Sendable, Equatable {
    let network: UInt32
    let mask: UInt32

    init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let base = Self.octets(String(parts[0])), let bits = Int(parts[1]), (0...32).contains(bits) else { return nil }
        mask = bits == 0 ? 0 : UInt32.max << (32 - UInt32(bits))
        network = base & mask
    }

    func contains(_ address: String) -> Bool {
        guard let value = Self.octets(address) else { return false }
        return value & mask == network
    }

    static func octets(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard let octet = UInt8(part) else { return nil }
            value = value << 8 | UInt32(octet)
        }
        return value
    }
}
