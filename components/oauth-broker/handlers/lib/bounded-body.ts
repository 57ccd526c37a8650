/**
 * Reads a provider's answer as a byte stream with a hard cap: a declared Content-Length over the cap
 * is refused before reading, and without one (chunked) the stream is cancelled as soon as the bytes
 * read pass the cap, so an endless or huge answer never sits in memory. The cap counts bytes, not
 * characters, and the text must be valid UTF-8.
 */

/** The answer was over the cap or not UTF-8; the caller turns this into its own error. */
export class BodyRejected extends Error {
    constructor(readonly reason: "too_large" | "not_utf8") {
        super(reason);
        this.name = "BodyRejected";
    }
}

export async function readBoundedText(response: Response, maxBytes: number): Promise<string> {
    const declared = response.headers.get("content-length");
    if (declared !== null && (!/^\d{1,15}$/.test(declared.trim()) || Number(declared) > maxBytes)) {
        await response.body?.cancel().catch(() => undefined);
        throw new BodyRejected("too_large");
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (response.body) {
        const reader = response.body.getReader();
        for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            size += value.byteLength;
            if (size > maxBytes) {
                // Cancelling closes the connection: the rest is never downloaded.
                await reader.cancel().catch(() => undefined);
                throw new BodyRejected("too_large");
            }
            chunks.push(value);
        }
    }
    try {
        return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
    } catch {
        throw new BodyRejected("not_utf8");
    }
}
