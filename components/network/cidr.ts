/** IPv4 CIDR arithmetic for validating subnet layouts before awsx sees them. */

export interface Cidr { base: number; prefix: number; size: number }

/** Parses "a.b.c.d/n" when it is a network address (host bits zero); undefined otherwise. */
export function parseCidr(value: unknown): Cidr | undefined {
    if (typeof value !== "string") return undefined;
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
    if (!m) return undefined;
    const octets = m.slice(1, 5).map(Number);
    const prefix = Number(m[5]);
    if (octets.some((o) => o > 255) || prefix > 32) return undefined;
    const base = octets.reduce((acc, o) => acc * 256 + o, 0);
    const size = 2 ** (32 - prefix);
    if (base % size !== 0) return undefined;
    return { base, prefix, size };
}

export function contains(outer: Cidr, inner: Cidr): boolean {
    return inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
    return a.base < b.base + b.size && b.base < a.base + a.size;
}

/** Bits awsx adds to the VPC prefix to give each AZ its own block (ceil(log2(azCount))). */
export function azBits(azCount: number): number {
    return azCount <= 1 ? 0 : Math.ceil(Math.log2(azCount));
}

/**
 * Addresses used in one AZ's block when awsx's Auto strategy lays out subnets of these prefix
 * lengths in order, each aligned to its own size.
 */
export function autoLayoutEnd(masks: number[]): number {
    let offset = 0;
    for (const mask of masks) {
        const size = 2 ** (32 - mask);
        offset = Math.ceil(offset / size) * size + size;
    }
    return offset;
}
