import { BODY_PATH, IngestError } from "@/lib/ingest/errors";

// JSON.parse with a French error naming the position, line and column when V8 gives one.

export function parseJson(text: string): unknown {
  if (text.trim() === "") throw new IngestError(400, [{ chemin: BODY_PATH, message: "corps vide : un objet JSON { \"<UserID>\": { … } } est attendu" }]);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new IngestError(400, [{ chemin: BODY_PATH, message: describeSyntaxError(text, e) }]);
  }
}

function describeSyntaxError(text: string, e: unknown): string {
  const detail = e instanceof Error ? e.message : "";
  const match = /position (\d+)/.exec(detail);
  if (!match) {
    if (/end of (JSON )?input|Unterminated/i.test(detail)) return "JSON invalide : le corps s'arrête avant la fin (accolade ou guillemet non fermé ?)";
    return "JSON invalide : le corps n'est pas un document JSON";
  }
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  const excerpt = text.slice(Math.max(0, position - 20), position + 20).replace(/\s+/g, " ");
  return `JSON invalide à la position ${position} (ligne ${line}, colonne ${column}), près de « ${excerpt} »`;
}
