import { test, expect, login, expectAccessible } from "../support/test";
import { makeUser } from "@/cli/demo/factories";
import { ensureCommitteeData } from "../support/committee-data";

// Issue 15: the committee's home is the dashboard a member opens every week.
const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
/** A French figure as the page prints it ("1 234,5 kWh") → 1234.5. */
const readFrench = (text: string) =>
  Number(
    text
      .replace(/ kWh.*$/, "")
      .replace(/[\s\u202f\u00a0]/g, "")
      .replace(",", "."),
  );

test("l'accueil du comité donne les chiffres clés nationaux, leur évolution sur un an, le dernier calcul et ses changements", async ({ page }) => {
  await ensureCommitteeData();
  const member = await makeUser({ role: "comite" });
  await login(page, member.email, member.password);
  await expect(page).toHaveURL(/\/comite$/);
  const heading = page.getByRole("heading", { level: 2, name: /^Chiffres clés nationaux, \S+ \d{4}$/ });
  await expect(heading).toBeVisible();
  const table = page.getByTestId("home-figures");
  await expect(table.getByRole("columnheader", { name: "Évolution sur un an" })).toBeVisible();
  const energy = page.getByTestId("home-energy_kwh");
  await expect(energy.getByRole("rowheader")).toHaveText("Énergie délivrée");
  // The latest published month of the database (other journeys publish months of their own): the
  // home shows exactly what the API publishes for it, a figure or "secret statistique", and a
  // trend only when the same month a year earlier is published too (never estimated).
  const [, monthName, year] = /, (\S+) (\d{4})$/.exec((await heading.textContent())!.trim())!;
  const month = MONTHS.indexOf(monthName) + 1;
  expect(month).toBeGreaterThan(0);
  const periode = (y: number) => `${y}-${String(month).padStart(2, "0")}-01`;
  const published = async (y: number) => {
    const res = await page.request.get(`/api/indicateurs/chiffres-cles?type=month&periode=${periode(y)}&maille=national&canal=all`);
    if (res.status() === 404) return null;
    expect(res.status()).toBe(200);
    const figures = (await res.json()).data.figures as { code: string; cell: { secret: boolean; value?: number } }[];
    return figures.find((f) => f.code === "energy_kwh")!.cell;
  };
  const now = await published(Number(year));
  expect(now).not.toBeNull();
  if (now!.secret) await expect(energy.getByRole("cell").first()).toHaveText("secret statistique");
  else {
    await expect(energy.getByRole("cell").first()).toHaveText(/^[\d\s\u202f\u00a0]+(,\d+)? kWh/);
    const shown = readFrench((await energy.getByRole("cell").first().textContent())!);
    expect(Math.abs(shown - now!.value!)).toBeLessThanOrEqual(Math.max(0.05, now!.value! * 0.001)); // the page rounds
  }
  const before = await published(Number(year) - 1);
  if (!before || before.secret || now!.secret) await expect(energy.getByRole("cell").last()).toHaveText("n.d.");
  else await expect(energy.getByRole("cell").last()).toHaveText(/%$/);
  await expect(page.getByTestId("home-figures")).toContainText("Intensité carbone");
  // The month's coverage is published with its energy, and withheld with it.
  await expect(page.getByTestId("home-run")).toContainText(
    now!.secret
      ? /^Calcul du \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\. Couverture de \S+ \d{4} non publiée\.$/
      : /Calcul du \d{2}\/\d{2}\/\d{4}.*Couverture de \S+ \d{4} : \d+ station\(s\) ayant transmis/,
  );
  await expect(page.getByTestId("home-changes")).toBeVisible();
  await expectAccessible(page);

  // The detail pages are still one click away; the late declarations link says what it shows.
  await expect(page.getByRole("link", { name: "Carte", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Déclarations en retard : nombres anonymes par région et par ancienneté" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Déclarations en retard");
});
