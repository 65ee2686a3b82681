// Display formats: French, times in Europe/Paris (stored in UTC).
const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });
const number = new Intl.NumberFormat("fr-FR");

export function formatDateTime(d: Date | null | undefined): string {
  return d ? dateTime.format(d) : "—";
}

export function formatNumber(n: number): string {
  return number.format(n);
}
