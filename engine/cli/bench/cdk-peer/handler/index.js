// The peer's Lambda code asset (the platform's own handlers are bundled by esbuild when its gate runs).
exports.handler = async () => ({ statusCode: 200, body: "ok" });
