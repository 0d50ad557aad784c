// IPv4 CIDR parsing and overlap checks for the VPC, GKE and peering ranges; pure, no Pulumi.

/** A parsed IPv4 CIDR as an inclusive range of 32-bit addresses. */
export interface Ipv4Range {
    cidr: string;
    prefix: number;
    first: number;
    last: number;
}

/** Parses `a.b.c.d/n`, or returns a message saying what is wrong with it. */
export function parseIpv4Cidr(cidr: string): Ipv4Range | string {
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
    if (!match) return `"${cidr}" is not an IPv4 CIDR; write it as a.b.c.d/n, e.g. 10.0.0.0/20`;
    const octets = match.slice(1, 5).map(Number);
    const prefix = Number(match[5]);
    if (octets.some((o) => o > 255)) return `"${cidr}" has an octet above 255`;
    if (prefix > 32) return `"${cidr}" has a prefix length above 32`;
    const address = octets.reduce((acc, o) => acc * 256 + o, 0);
    const size = 2 ** (32 - prefix);
    const first = Math.floor(address / size) * size;
    // Google Cloud rejects ranges whose host bits are set, so say which network address was meant.
    if (first !== address) return `"${cidr}" has host bits set; use the network address ${formatIpv4(first)}/${prefix}`;
    return { cidr, prefix, first, last: first + size - 1 };
}

function formatIpv4(address: number): string {
    return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}

/** True when the two ranges share at least one address. */
export function rangesOverlap(a: Ipv4Range, b: Ipv4Range): boolean {
    return a.first <= b.last && b.first <= a.last;
}

/**
 * Checks named CIDRs: each must parse and no two may overlap.
 * Returns one message per problem, empty when all is well.
 */
export function cidrProblems(named: Record<string, string>): string[] {
    const problems: string[] = [];
    const parsed: { name: string; range: Ipv4Range }[] = [];
    for (const [name, cidr] of Object.entries(named)) {
        const result = parseIpv4Cidr(cidr);
        if (typeof result === "string") problems.push(`${name}: ${result}`);
        else parsed.push({ name, range: result });
    }
    parsed.forEach((a, i) => {
        for (const b of parsed.slice(i + 1)) {
            if (rangesOverlap(a.range, b.range)) {
                problems.push(`${a.name} ${a.range.cidr} overlaps ${b.name} ${b.range.cidr}; give them disjoint ranges`);
            }
        }
    });
    return problems;
}

/**
 * Checks that no range of one side overlaps a range of the other (VPC peering refuses overlapping subnet routes).
 * Ranges that do not parse are reported too.
 */
export function crossOverlapProblems(left: Record<string, string>, right: Record<string, string>): string[] {
    const problems: string[] = [];
    const parse = (side: Record<string, string>) =>
        Object.entries(side).flatMap(([name, cidr]) => {
            const result = parseIpv4Cidr(cidr);
            if (typeof result === "string") {
                problems.push(`${name}: ${result}`);
                return [];
            }
            return [{ name, range: result }];
        });
    const lefts = parse(left);
    const rights = parse(right);
    for (const l of lefts) {
        for (const r of rights) {
            if (rangesOverlap(l.range, r.range)) {
                problems.push(`${l.name} ${l.range.cidr} overlaps ${r.name} ${r.range.cidr}`);
            }
        }
    }
    return problems;
}
