import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import { makeUser } from "@/cli/demo/factories";
import { startPortalServer } from "@/tests/support/common/portal-server";

export interface PageTimes {
  /** Request to the last byte of the server-rendered HTML (median of 5). */
  http: Record<string, number>;
  /** In Chromium: navigation to a usable page, the load event with the page's scripts run and its h1 shown (median of 3); absent without a browser. */
  browser: Record<string, number>;
}

// The committee's pages timed over HTTP on the real server (production build started by
// cli/start.ts) on the benchmark's database: a comité member logs in through next-auth's
// credentials flow, then each page is fetched once to warm up and 5 times measured (median),
// from the request to the last byte of the server-rendered HTML; then, in Chromium
// (playwright-core, the system browser at CHROMIUM_PATH or /usr/bin/chromium), from the
// navigation to a usable page: the load event (scripts run, React hydrated) and the page's h1.

export const PAGES: { label: string; path: string }[] = [
  { label: "committee home (weekly dashboard)", path: "/comite" },
  { label: "key figures, national, one month", path: "/comite/indicateurs?type=month&periode=2023-06-01" },
  { label: "carbon (charging vs grid by hour and month)", path: "/comite/indicateurs/carbone?type=month&periode=2023-06-01" },
  { label: "grid (load curve, profiles, peak windows)", path: "/comite/indicateurs/reseau?type=month&periode=2023-06-01" },
  { label: "map, départements", path: "/comite/indicateurs/carte?type=month&periode=2023-06-01&maille=departement" },
  { label: "map, régions", path: "/comite/indicateurs/carte?type=month&periode=2023-06-01&maille=region" },
];

/** Pages that need the full run (quarters, years, communes): timed with BENCH_FULL=1. */
export const FULL_RUN_PAGES: { label: string; path: string }[] = [
  { label: "key figures, year 2023", path: "/comite/indicateurs?type=year&periode=2023-01-01" },
  { label: "grid, national, year (daily load curve)", path: "/comite/indicateurs/reseau?type=year&periode=2023-01-01" },
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

export async function timePages(input: { prisma: PrismaClient; databaseUrl: string; pages: { label: string; path: string }[] }): Promise<PageTimes> {
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
    return { http: times, browser: await timeInBrowser(base, jar, input.pages) };
  } finally {
    await server.stop();
  }
}

/** Navigation to a usable page in Chromium, median of 3 after one warm-up; {} when no browser is installed. */
async function timeInBrowser(base: string, jar: Map<string, string>, pages: { label: string; path: string }[]): Promise<Record<string, number>> {
  const { existsSync } = await import("node:fs");
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) return {};
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  try {
    const context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris", viewport: { width: 1280, height: 900 } });
    await context.addCookies([...jar].map(([name, value]) => ({ name, value, url: base })));
    const page = await context.newPage();
    const times: Record<string, number> = {};
    for (const p of pages) {
      const samples: number[] = [];
      for (let k = 0; k < 4; k++) {
        const t = performance.now();
        const response = await page.goto(`${base}${p.path}`, { waitUntil: "load" });
        await page.locator("main h1").first().waitFor();
        if (response?.status() !== 200) throw new Error(`${p.path}: ${response?.status()}`);
        if (k > 0) samples.push(performance.now() - t);
      }
      times[p.label] = samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
    }
    return times;
  } finally {
    await browser.close();
  }
}
