import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import { makeUser } from "@/lib/testing/factories";
import { startPortalServer } from "@/lib/testing/portal-server";

// The committee's pages timed over HTTP on the real server (production build started by
// lib/cli/start.ts) on the benchmark's database: a comité member logs in through next-auth's
// credentials flow, then each page is fetched once to warm up and 5 times measured (median),
// from the request to the last byte of the server-rendered HTML.

export const PAGES: { label: string; path: string }[] = [
  { label: "key figures, national, one month", path: "/comite/indicateurs?type=month&periode=2023-06-01" },
  { label: "carbon (charging vs grid by hour and month)", path: "/comite/indicateurs/carbone?type=month&periode=2023-06-01" },
  { label: "grid (load curve, profiles, peak windows)", path: "/comite/indicateurs/reseau?type=month&periode=2023-06-01" },
  { label: "map, départements", path: "/comite/indicateurs/carte?type=month&periode=2023-06-01&maille=departement" },
  { label: "map, régions", path: "/comite/indicateurs/carte?type=month&periode=2023-06-01&maille=region" },
];

/** Pages that need the full run (quarters, years, communes): timed with BENCH_FULL=1. */
export const FULL_RUN_PAGES: { label: string; path: string }[] = [
  { label: "key figures, year 2023", path: "/comite/indicateurs?type=year&periode=2023-01-01" },
  { label: "grid, one département, one quarter", path: "/comite/indicateurs/reseau?type=quarter&periode=2023-04-01&maille=departement&zone=69" },
  { label: "carbon, one commune, year", path: "/comite/indicateurs/carbone?type=year&periode=2023-01-01&maille=commune&zone=69123" },
];

function cookiesOf(response: Response, jar: Map<string, string>) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
}
const header = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

export async function timePages(input: { prisma: PrismaClient; databaseUrl: string; pages: { label: string; path: string }[] }): Promise<Record<string, number>> {
  const user = await makeUser({ prisma: input.prisma, role: "comite" });
  const server = await startPortalServer({ DATABASE_URL: input.databaseUrl, NEXTAUTH_SECRET: randomBytes(24).toString("hex"), LOG_ERRORS: "true" });
  const base = `http://127.0.0.1:${server.port}`;
  try {
    const jar = new Map<string, string>();
    const csrf = await fetch(`${base}/api/auth/csrf`);
    cookiesOf(csrf, jar);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const login = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(jar) },
      body: new URLSearchParams({ csrfToken, email: user.email, password: user.password, json: "true" }),
    });
    cookiesOf(login, jar);
    if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`login failed: ${login.status}`);

    const times: Record<string, number> = {};
    for (const page of input.pages) {
      const samples: number[] = [];
      for (let k = 0; k < 6; k++) {
        const t = performance.now();
        const response = await fetch(`${base}${page.path}`, { headers: { cookie: header(jar) }, redirect: "manual" });
        const html = await response.text();
        if (response.status !== 200 || !html.includes("Indicateurs")) throw new Error(`${page.path}: ${response.status}`);
        if (k > 0) samples.push(performance.now() - t);
      }
      times[page.label] = samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
    }
    return times;
  } finally {
    await server.stop();
  }
}
