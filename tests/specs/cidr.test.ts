// Tests the IPv4 CIDR rules (specs/cidr) behind the VPC, GKE and peering range checks.
import * as assert from "assert";
import { cidrProblems, crossOverlapProblems, Ipv4Range, parseIpv4Cidr, rangesOverlap } from "../../specs/cidr";

const range = (cidr: string): Ipv4Range => {
    const parsed = parseIpv4Cidr(cidr);
    assert.ok(typeof parsed !== "string", parsed as string);
    return parsed;
};
const notACidr = (cidr: string) => `"${cidr}" is not an IPv4 CIDR; write it as a.b.c.d/n, e.g. 10.0.0.0/20`;

describe("IPv4 CIDRs (specs/cidr)", () => {
    describe("parseIpv4Cidr", () => {
        it("parses a CIDR into its inclusive address range", () => {
            assert.deepStrictEqual(parseIpv4Cidr("10.0.0.0/30"), { cidr: "10.0.0.0/30", prefix: 30, first: 167772160, last: 167772163 });
            assert.deepStrictEqual(parseIpv4Cidr("192.168.128.0/17"), { cidr: "192.168.128.0/17", prefix: 17, first: 3232268288, last: 3232301055 });
        });

        it("covers the extremes: every address at /0 and one address at /32", () => {
            assert.deepStrictEqual(parseIpv4Cidr("0.0.0.0/0"), { cidr: "0.0.0.0/0", prefix: 0, first: 0, last: 2 ** 32 - 1 });
            assert.deepStrictEqual(parseIpv4Cidr("255.255.255.255/32"), { cidr: "255.255.255.255/32", prefix: 32, first: 2 ** 32 - 1, last: 2 ** 32 - 1 });
            assert.deepStrictEqual(parseIpv4Cidr("100.101.102.103/32"), { cidr: "100.101.102.103/32", prefix: 32, first: 1684366951, last: 1684366951 });
        });

        it("ignores spaces around the CIDR, as pasted values carry them", () => {
            assert.strictEqual(range(" 10.0.0.0/20 ").first, 167772160);
        });

        it("refuses text that is not a.b.c.d/n, whichever part is wrong", () => {
            const malformed = [
                "10.0.0/20", "10.0.0.0", "10.0.0.0/", "10.0.0.0/100", "x10.0.0.0/8", "10.0.0.0/8x", "10.0.0.0/a", "a.0.0.0/8", "10-0-0-0/8",
                "1000.0.0.0/8", "0.1000.0.0/8", "0.0.1000.0/8", "0.0.0.1000/32", "",
            ];
            for (const cidr of malformed) assert.strictEqual(parseIpv4Cidr(cidr), notACidr(cidr), cidr);
        });

        it("refuses octets above 255 and prefixes above 32", () => {
            assert.strictEqual(parseIpv4Cidr("10.0.0.256/32"), '"10.0.0.256/32" has an octet above 255');
            assert.strictEqual(parseIpv4Cidr("256.0.0.0/8"), '"256.0.0.0/8" has an octet above 255');
            assert.strictEqual(parseIpv4Cidr("10.0.0.0/33"), '"10.0.0.0/33" has a prefix length above 32');
        });

        it("refuses host bits, as Google Cloud does, naming the network address that was meant", () => {
            assert.strictEqual(parseIpv4Cidr("10.0.0.1/24"), '"10.0.0.1/24" has host bits set; use the network address 10.0.0.0/24');
            assert.strictEqual(parseIpv4Cidr("192.168.77.9/12"), '"192.168.77.9/12" has host bits set; use the network address 192.160.0.0/12');
            assert.strictEqual(parseIpv4Cidr("172.31.255.255/30"), '"172.31.255.255/30" has host bits set; use the network address 172.31.255.252/30');
        });
    });

    describe("rangesOverlap", () => {
        it("counts a shared first or last address as overlap, and adjacent ranges as apart", () => {
            assert.strictEqual(rangesOverlap(range("10.0.0.5/32"), range("10.0.0.5/32")), true);
            assert.strictEqual(rangesOverlap(range("10.0.0.0/24"), range("10.0.0.255/32")), true);
            assert.strictEqual(rangesOverlap(range("10.0.0.255/32"), range("10.0.0.0/24")), true);
            assert.strictEqual(rangesOverlap(range("10.0.0.0/24"), range("10.0.1.0/24")), false);
            assert.strictEqual(rangesOverlap(range("10.0.1.0/24"), range("10.0.0.0/24")), false);
        });

        it("finds a range nested in another, whichever is given first", () => {
            assert.strictEqual(rangesOverlap(range("10.0.0.0/16"), range("10.0.4.0/24")), true);
            assert.strictEqual(rangesOverlap(range("10.0.4.0/24"), range("10.0.0.0/16")), true);
        });
    });

    describe("cidrProblems", () => {
        it("accepts disjoint ranges, adjacent ones among them", () => {
            assert.deepStrictEqual(cidrProblems({ subnet: "10.0.0.0/20", pods: "10.4.0.0/14", services: "10.0.16.0/20", master: "172.16.0.0/28" }), []);
        });

        it("names each overlapping pair once, in the order given", () => {
            assert.deepStrictEqual(cidrProblems({ a: "10.0.0.0/16", b: "10.0.4.0/24", c: "10.1.0.0/16", d: "10.0.4.0/28" }), [
                "a 10.0.0.0/16 overlaps b 10.0.4.0/24; give them disjoint ranges",
                "a 10.0.0.0/16 overlaps d 10.0.4.0/28; give them disjoint ranges",
                "b 10.0.4.0/24 overlaps d 10.0.4.0/28; give them disjoint ranges",
            ]);
        });

        it("reports a range that does not parse under its name and still checks the others", () => {
            assert.deepStrictEqual(cidrProblems({ subnet: "10.0.0.0/20", pods: "10.0.0.0/33", services: "10.0.8.0/24" }), [
                'pods: "10.0.0.0/33" has a prefix length above 32',
                "subnet 10.0.0.0/20 overlaps services 10.0.8.0/24; give them disjoint ranges",
            ]);
        });
    });

    describe("crossOverlapProblems", () => {
        it("compares every range of one side with every range of the other, but not ranges of one side with each other", () => {
            assert.deepStrictEqual(crossOverlapProblems({ x: "10.0.0.0/20", y: "10.4.0.0/14", w: "10.0.0.0/8" }, { z: "10.5.0.0/20", v: "192.168.0.0/16" }), [
                "y 10.4.0.0/14 overlaps z 10.5.0.0/20",
                "w 10.0.0.0/8 overlaps z 10.5.0.0/20",
            ]);
        });

        it("accepts sides with nothing in common", () => {
            assert.deepStrictEqual(crossOverlapProblems({ primary: "10.0.0.0/16" }, { dr: "10.1.0.0/16" }), []);
        });

        it("reports ranges of either side that do not parse", () => {
            assert.deepStrictEqual(crossOverlapProblems({ primary: "10.0.0.1/16", ok: "10.0.0.0/16" }, { dr: "ten/8", near: "10.0.128.0/17" }), [
                'primary: "10.0.0.1/16" has host bits set; use the network address 10.0.0.0/16',
                'dr: "ten/8" is not an IPv4 CIDR; write it as a.b.c.d/n, e.g. 10.0.0.0/20',
                "ok 10.0.0.0/16 overlaps near 10.0.128.0/17",
            ]);
        });
    });
});
