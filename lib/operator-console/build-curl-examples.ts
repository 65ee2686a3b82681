// The "premiers pas" commands of the operator console: ready to paste, with the operator's own
// UserID, one of its StationIDs (or a placeholder) and the portal's address. Times are recent
// (yesterday) so that the examples pass validation whenever they are copied.

export interface CurlExample {
  title: string;
  command: string;
}

export const STATION_PLACEHOLDER = "VOTRE-STATIONID";

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function buildCurlExamples(input: { origin: string; userId: string; stationCode: string | null; now?: Date }): CurlExample[] {
  const station = input.stationCode ?? STATION_PLACEHOLDER;
  const now = input.now ?? new Date();
  const start = Math.floor(now.getTime() / 1000 / 3600) * 3600 - 86_400;
  const operation = {
    [input.userId]: { [station]: { "TEST-0001": { StartTransaction: start, StopTransaction: start + 3600, StartValue: 1000, StopValue: 8000 } } },
  };
  const curve = {
    [input.userId]: {
      [station]: {
        "TEST-0002": [
          { timestamp: start, value: 1000 },
          { timestamp: start + 1800, value: 4500 },
          { timestamp: start + 3600, value: 8000 },
        ],
      },
    },
  };
  const user = shellQuote("IDENTIFIANT:SECRET");
  return [
    {
      title: "Envoyer une opération de charge",
      command: `curl --user ${user} -H 'Content-Type: application/json' \\\n  -d ${shellQuote(JSON.stringify(operation))} \\\n  ${input.origin}/api/operation/put`,
    },
    {
      title: "Envoyer une courbe de charge",
      command: `curl --user ${user} -H 'Content-Type: application/json' \\\n  -d ${shellQuote(JSON.stringify(curve))} \\\n  ${input.origin}/api/courbe/put`,
    },
    {
      title: "Envoyer un fichier compressé (gzip)",
      command: `gzip -c envoi.json | curl --user ${user} -H 'Content-Type: application/json' \\\n  -H 'Content-Encoding: gzip' --data-binary @- ${input.origin}/api/operation/put`,
    },
  ];
}
