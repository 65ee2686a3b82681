import net from "node:net";

// A raw HTTP exchange over node:net, for tests of what an HTTP client library will not send
// (slow bodies, broken chunked encoding, a short body then a half-close): writes the given steps,
// then collects everything the server sends until it closes the connection.

export interface RawStep {
  /** Bytes to write (a string is sent as UTF-8). */
  write?: string | Buffer;
  /** Milliseconds to wait before the next step. */
  wait?: number;
  /** Half-close the connection (FIN): no more bytes from the client. */
  end?: true;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from connecting to the connection's close. */
  ms: number;
}

export function rawExchange(port: number, steps: RawStep[], options: { timeoutMs?: number } = {}): Promise<RawAnswer> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect(port, "127.0.0.1");
    const received: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`pas de réponse complète en ${timeoutMs} ms : ${Buffer.concat(received).toString("latin1").slice(0, 300)}`));
    }, timeoutMs);
    socket.on("data", (d) => received.push(d));
    socket.on("error", () => undefined); // a reset after the answer is the server closing
    socket.on("close", () => {
      clearTimeout(timer);
      const text = Buffer.concat(received).toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      if (split < 0) return reject(new Error(`réponse HTTP illisible : ${JSON.stringify(text.slice(0, 300))}`));
      const [statusLine, ...lines] = text.slice(0, split).split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: text.slice(split + 4), ms: performance.now() - started });
    });
    socket.on("connect", async () => {
      for (const step of steps) {
        if (socket.destroyed) return;
        if (step.write !== undefined) socket.write(step.write);
        if (step.end) socket.end();
        if (step.wait) await new Promise((r) => setTimeout(r, step.wait));
      }
    });
  });
}
