import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { makeUser } from "@/cli/demo/factories";
import { AppError } from "@/lib/platform/errors";
import { IngestError } from "@/lib/channels/advenir/errors";
import type { ActionState } from "@/lib/platform/http/action-state-shared";

// The wrappers of route handlers and server actions (route.ts, action.ts), with the real session
// helpers and permission table: only next-auth's session reading is replaced, by the signed-in
// user each test chooses. Unexpected errors are logged (LOG_ERRORS on here), and each test that
// causes one expects that log.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId, loginAt: Date.now() } } : null) }));
vi.mock("@/lib/platform/env", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/platform/env")>();
  return { ...real, getEnv: () => ({ ...real.getEnv(), LOG_ERRORS: true }) };
});

const { route } = await import("@/lib/auth/route");
const { action } = await import("@/lib/auth/action");
const { jsonLinesResponse } = await import("@/lib/platform/http/json-lines");

let comite: string;
let admin: string;
beforeAll(async () => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true"; // as next.config's experimental.authInterrupts does
  comite = (await makeUser({ role: "comite" })).id;
  admin = (await makeUser({ role: "admin" })).id;
});
afterEach(() => {
  session.userId = null;
  vi.restoreAllMocks();
});

const request = () => new Request("http://portail.test/api/essai");
const noParams = { params: Promise.resolve({}) };
const form = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
};
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe("route(permission, handler)", () => {
  const handler = vi.fn(async () => Response.json({ ok: true }));
  const GET = route("indicators:compute", handler);

  it("answers 401 to an anonymous caller and 403 to a role without the permission, in the portal's JSON shape, without running the handler", async () => {
    const anonymous = await GET(request(), noParams);
    expect([anonymous.status, await anonymous.json()]).toEqual([401, { erreur: "Connexion requise." }]);
    session.userId = comite;
    const refused = await GET(request(), noParams);
    expect([refused.status, await refused.json()]).toEqual([403, { erreur: "Vous n'avez pas accès à cette ressource." }]);
    expect(handler).not.toHaveBeenCalled();
  });

  it("gives the handler the user and the awaited params", async () => {
    session.userId = admin;
    const seen = vi.fn(async ({ user, params }: { user: { id: string }; params: { vue: string } }) => Response.json({ id: user.id, vue: params.vue }));
    const res = await route<{ vue: string }>("indicators:compute", seen)(request(), { params: Promise.resolve({ vue: "carte" }) });
    expect(await res.json()).toEqual({ id: admin, vue: "carte" });
  });

  it("translates an AppError: status, message, field errors with their paths, Retry-After", async () => {
    session.userId = admin;
    const fields = [
      { path: "fichier.3.intensite", message: "nombre attendu" },
      { path: "fichier.7.date", message: "date invalide" },
    ];
    const res = await route("indicators:compute", async () => {
      throw new AppError("INVALID_INPUT", "Fichier refusé.", fields);
    })(request(), noParams);
    expect([res.status, await res.json()]).toEqual([
      400,
      {
        erreur: "Fichier refusé.",
        champ: "fichier.3.intensite",
        erreurs: [
          { champ: "fichier.3.intensite", message: "nombre attendu" },
          { champ: "fichier.7.date", message: "date invalide" },
        ],
      },
    ]);
    const busy = await route("indicators:compute", async () => {
      throw new AppError("TOO_MANY_REQUESTS", "Réessayez plus tard.", [], 30);
    })(request(), noParams);
    expect([busy.status, busy.headers.get("retry-after"), await busy.json()]).toEqual([429, "30", { erreur: "Réessayez plus tard." }]);
  });

  it("logs an unexpected error with a generated id and answers 500 with that id, no message nor stack", async () => {
    session.userId = admin;
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await route("indicators:compute", async () => {
      throw new Error("secret interne at /srv/app.js:12");
    })(request(), noParams);
    const body = await res.json();
    expect(res.status).toBe(500);
    expect(body.erreur).toMatch(new RegExp(`^Erreur inattendue, référence ${UUID.source}\\.$`));
    expect(JSON.stringify(body)).not.toMatch(/secret interne|app\.js|at /);
    const id = UUID.exec(body.erreur)![0];
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0][0])).toContain(id);
    expect((log.mock.calls[0][1] as Error).message).toBe("secret interne at /srv/app.js:12");
  });
});

describe("action(permission, schema, fn)", () => {
  const schema = z.object({ mois: z.string().regex(/^\d{4}-\d{2}$/, "format AAAA-MM attendu"), stations: z.array(z.string()).optional() });

  it("lets the refusal page through for a role without the permission (forbidden(): 403), without running the action", async () => {
    session.userId = comite;
    const fn = vi.fn(async (): Promise<ActionState> => ({ ok: true }));
    await expect(action("indicators:compute", null, fn)({ ok: false }, form({}))).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
    expect(fn).not.toHaveBeenCalled();
  });

  it("parses the form with the schema: bad input is the form's field errors keyed by path, with the typed values back", async () => {
    session.userId = admin;
    const fn = vi.fn(async (): Promise<ActionState> => ({ ok: true }));
    const state = await action("indicators:compute", schema, fn)({ ok: false }, form({ mois: "2023-1" }));
    expect(state).toEqual({
      ok: false,
      message: "Le formulaire contient des erreurs.",
      fieldErrors: { mois: "format AAAA-MM attendu" },
      values: { mois: "2023-1" },
    });
    expect(fn).not.toHaveBeenCalled();
  });

  it("gives the action the parsed input, the user and its bound arguments first", async () => {
    session.userId = admin;
    const run = action("indicators:compute", schema, async ({ input, user }, dossierId: string): Promise<ActionState> => ({
      ok: true,
      message: `${input.mois} ${dossierId} ${user.id}`,
    }));
    expect(await run("d-1", { ok: false }, form({ mois: "2023-01", autre: "x" }))).toEqual({ ok: true, message: `2023-01 d-1 ${admin}` });
  });

  it("turns an AppError into its message, nested field paths renamed for the form, no values when asked", async () => {
    session.userId = admin;
    const fail = (e: Error) => async (): Promise<ActionState> => {
      throw e;
    };
    expect(await action("indicators:compute", null, fail(new AppError("CONFLICT", "Déjà fait.")))({ ok: false }, form({ a: "1" }))).toEqual({
      ok: false,
      message: "Déjà fait.",
      fieldErrors: {},
      values: { a: "1" },
    });
    const nested = new AppError("INVALID_INPUT", "Saisie invalide", [{ path: "stations.0.pointCount", message: "entier attendu" }]);
    const renamed = await action("indicators:compute", null, fail(nested), { keepValues: false, fieldName: (p) => p.replace(/^stations\.0\./, "") })(
      { ok: false },
      form({ secret: "x" }),
    );
    expect(renamed).toEqual({ ok: false, message: "Le formulaire contient des erreurs.", fieldErrors: { pointCount: "entier attendu" }, values: undefined });
    // The ADVENIR channel's errors are of the same family.
    expect(new IngestError(413, [{ chemin: "(corps)", message: "trop gros" }])).toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413, message: "trop gros" });
  });

  it("logs an unexpected error with an id the person can quote, and shows no internals", async () => {
    session.userId = admin;
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const state = await action("indicators:compute", null, async (): Promise<ActionState> => {
      throw new TypeError("x is undefined at lib/y.ts:3");
    })({ ok: false }, form({}));
    expect(state.ok).toBe(false);
    expect(state.message).toMatch(new RegExp(`^Erreur inattendue\\. Si elle persiste, communiquez ce code à l'assistance : ${UUID.source}\\.$`));
    expect(state.message).not.toMatch(/undefined|lib\/y/);
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0][0])).toContain(UUID.exec(state.message!)![0]);
  });

  it("lets redirect() through", async () => {
    session.userId = admin;
    const { redirect } = await import("next/navigation");
    const run = action("indicators:compute", null, async (): Promise<ActionState> => redirect("/ailleurs"));
    await expect(run({ ok: false }, form({}))).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/ailleurs;/) });
  });
});

describe("jsonLinesResponse(scope, run)", () => {
  const lines = async (res: Response) =>
    (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));

  it("ends the stream with the portal's JSON error body when the work fails with an AppError", async () => {
    const res = jsonLinesResponse("essai", async (send) => {
      send({ type: "progress", done: 1 });
      throw new AppError("CONFLICT", "Déjà importé.", [{ path: "fichier", message: "même contenu" }]);
    });
    expect(await lines(res)).toEqual([
      { type: "progress", done: 1 },
      { type: "error", erreur: "Déjà importé.", champ: "fichier", erreurs: [{ champ: "fichier", message: "même contenu" }] },
    ]);
  });

  it("logs an unexpected failure with an id that its last line carries, no internals", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const [last] = await lines(
      jsonLinesResponse("essai", async () => {
        throw new Error("disque plein /var/lib");
      }),
    );
    expect(last.erreur).toMatch(new RegExp(`^Erreur inattendue, référence ${UUID.source}\\.$`));
    expect(JSON.stringify(last)).not.toContain("disque");
    expect(String(log.mock.calls[0][0])).toContain(UUID.exec(last.erreur)![0]);
  });
});
