import type http from "node:http";
import { gzipSync } from "node:zlib";
import type { AddressInfo } from "node:net";
import { getEnv } from "@/lib/platform/env";
import { createPortalServer } from "@/lib/platform/server/portal-server";
import { advenirDoor, advenirSocketFailureBody } from "@/lib/channels/advenir/advenir-door";
import { qualichargeDoor } from "@/lib/channels/qualicharge/qualicharge-door";
import { gireveDoor } from "@/lib/channels/gireve/gireve-door";

/** The portal's own Node server with its three doors, as cli/http-server.ts composes it, Next.js stood in for. */
export async function listenWithQualichargeDoor(): Promise<{ server: http.Server; base: string; close(): Promise<void> }> {
  const server = createPortalServer(getEnv(), {
    doors: [advenirDoor, qualichargeDoor, gireveDoor],
    handleOther: (_req, res) => res.writeHead(404).end("next"),
    socketFailureBody: advenirSocketFailureBody,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface QcResult {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or null when empty. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One call of the QualiCharge API under `${base}/api/v1`. `body` is sent as JSON (gzipped with `gzip`), or `form` as a form. */
export async function qc(
  base: string,
  method: string,
  path: string,
  options: {
    auth?: string;
    body?: unknown;
    form?: Record<string, string>;
    gzip?: boolean;
    rawBody?: string | Uint8Array;
    headers?: Record<string, string>;
  } = {},
): Promise<QcResult> {
  const headers: Record<string, string> = { ...(options.auth ? { Authorization: options.auth } : {}), ...options.headers };
  let body: BodyInit | undefined;
  if (options.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(options.form).toString();
  } else if (options.body !== undefined || options.rawBody !== undefined) {
    headers["Content-Type"] ??= "application/json";
    const text = options.rawBody ?? JSON.stringify(options.body);
    if (options.gzip) {
      headers["Content-Encoding"] = "gzip";
      body = new Uint8Array(gzipSync(text));
    } else body = typeof text === "string" ? text : new Uint8Array(text);
  }
  const r = await fetch(`${base}/api/v1${path}`, { method, headers, body, redirect: "manual" });
  const text = await r.text();
  return { status: r.status, headers: r.headers, json: text ? JSON.parse(text) : null };
}
