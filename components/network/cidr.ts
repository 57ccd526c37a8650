/** IPv4 CIDR arithmetic for subnet plans: parse, format, containment and overlap. */

export interface Cidr { base: number; prefix: number; size: number }

/** Parses "a.b.c.d/n" when it is a network address (host bits zero); undefined otherwise. */
export function parseCidr(value: unknown): Cidr | undefined {
    if (typeof value !== "string") return undefined;
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
    if (!m) return undefined;
    const octets = m.slice(1, 5).map(Number);
    const prefix = Number(m[5]);
    if (octets.some((o) => o > 255) || prefix > 32) return undefined;
    // Arithmetic, not bit operators: 32-bit shifts would turn addresses above 127.255.255.255 negative.
    const base = octets.reduce((acc, o) => acc * 256 + o, 0);
    const size = 2 ** (32 - prefix);
    if (base % size !== 0) return undefined;
    return { base, prefix, size };
}

/** "a.b.c.d/n" of a network address. */
export function formatCidr(base: number, prefix: number): string {
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256);
    return `${octets.join(".")}/${prefix}`;
}

export function contains(outer: Cidr, inner: Cidr): boolean {
    return inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
    return a.base < b.base + b.size && b.base < a.base + a.size;
}

/** Bits that split a range into at least `parts` equal blocks (ceil(log2(parts))). */
export function splitBits(parts: number): number {
    return parts <= 1 ? 0 : Math.ceil(Math.log2(parts));
}
