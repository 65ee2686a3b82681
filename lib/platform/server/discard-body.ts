import type { IncomingMessage } from "node:http";

/**
 * Reads the rest of a request's body and throws it away, up to `maxBytes` and `timeoutMs`; true
 * when the body ended within them (the connection can then carry the client's next request).
 * For a refusal given while the body still arrives: a client that is still sending gets the
 * answer, instead of a connection reset it would see before reading it.
 */
export function discardRest(req: IncomingMessage, limits: { maxBytes: number; timeoutMs: number }): Promise<boolean> {
  if (req.complete) return Promise.resolve(true);
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (ended: boolean) => {
      clearTimeout(timer);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
      if (!ended) req.pause();
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limits.maxBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onError = () => finish(false);
    const onClose = () => finish(req.complete);
    const timer = setTimeout(() => finish(false), limits.timeoutMs);
    timer.unref();
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("error", onError);
    req.once("close", onClose);
    req.resume();
  });
}
