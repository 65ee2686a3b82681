import { BODY_PATH, IngestError } from "@/lib/channels/advenir/errors";
import type { Endpoint, NormalizedBody } from "@/lib/channels/advenir/normalize-body";
import { TransactionReader } from "@/lib/channels/advenir/read-transaction";
import { checkIdentifier, displayText, MAX_IDENTIFIER_LENGTH, type IdentifierCheck } from "@/lib/schemas/identifiers";

// Reads a body of the ADVENIR web service straight into normalised transactions, level by level
// (UserID → StationID → TransactionID → operation or curve points), without building the JSON
// tree: curve points go to two arrays of numbers, values the protocol does not use are checked
// and skipped. Memory is a small multiple of the rows kept, whatever the body's shape
// (docs/decisions/0008-key-aware-body-parser.md). Along the way:
//   - every identifier is checked (lib/schemas/identifiers.ts) and taken in its NFC form;
//   - a key repeated in one object (JSON.parse keeps the last one silently) is compared with the
//     first: the same value is a warning and counts once, another value makes the body ambiguous;
//   - limits: nesting depth (json-scanner.ts), fields per operation or point object.
// Each error and warning carries its path "<UserID>/<StationID>/<TransactionID>/…". Kinds decide
// the status: "forbidden" (another operator's UserID) → 403 alone; "structure" (the levels are
// not objects as documented) → 400; "data" → 422 (with the stations' errors, ingest-body.ts).

const TOO_LONG = (label: string): IdentifierCheck => ({ ok: false, reason: `${label} trop long (plus de ${MAX_IDENTIFIER_LENGTH} caractères)` });

/** A key too long to be an identifier, as shown in paths: its start (only that much was decoded). */
function shownTooLong(preview: string): string {
  return `${displayText(preview.slice(0, 64))}…`;
}

export interface ParsedBody {
  /** The body's UserID as written (case and blanks kept, for paths). */
  userId: string;
  normalized: NormalizedBody;
}

export function parseBody(text: string, options: { endpoint: Endpoint; operatorId: string; now: Date }): ParsedBody {
  return new BodyParser(text, options).run();
}

class BodyParser extends TransactionReader {
  private userId: string | undefined;

  run(): ParsedBody {
    const s = this.s;
    if (s.atEnd()) throw new IngestError(400, [{ chemin: BODY_PATH, message: 'corps vide : un objet JSON { "<UserID>": { … } } est attendu' }]);
    if (s.kind() !== "object") {
      s.skip(1);
      this.expectEnd();
      this.issue("structure", BODY_PATH, 'le corps doit être un objet JSON { "<UserID>": { "<StationID>": { … } } }');
      return this.result();
    }
    s.open(123);
    const keys = new Map<string, number>();
    let members = 0;
    for (let first = true; s.nextMember(first); first = false) {
      members++;
      const raw = s.key();
      const tooLong = s.keyTooLong;
      const path = tooLong ? shownTooLong(raw) : displayText(raw);
      if (this.repeated(keys, tooLong ? null : raw, path, 2)) continue;
      if (tooLong || raw.trim().toLowerCase() !== this.options.operatorId.toLowerCase()) {
        this.issue("forbidden", path, "ce UserID n'est pas celui de votre compte : utilisez l'identifiant affiché dans votre espace opérateur");
        s.skip(2);
        continue;
      }
      this.userId ??= raw;
      if (s.kind() !== "object") {
        this.issue("structure", path, 'un objet { "<StationID>": { … } } est attendu pour ce UserID');
        s.skip(2);
        continue;
      }
      this.stations(path);
    }
    this.expectEnd();
    if (members === 0) this.issue("structure", BODY_PATH, 'corps vide : un objet { "<UserID>": { … } } est attendu');
    return this.result();
  }

  private result(): ParsedBody {
    return { userId: this.userId ?? "", normalized: this.out };
  }

  private expectEnd(): void {
    if (!this.s.atEnd()) this.s.fail("fin du corps attendue après le document JSON");
  }

  /** The identifier of a key just read, with the path element to show. */
  private identifier(raw: string, label: string): { check: IdentifierCheck; shown: string } {
    if (this.s.keyTooLong) return { check: TOO_LONG(label), shown: shownTooLong(raw) };
    const check = checkIdentifier(raw, label);
    return { check, shown: check.ok ? check.value : displayText(raw) };
  }

  private stations(userPath: string): void {
    const s = this.s;
    s.open(123);
    const keys = new Map<string, number>();
    for (let first = true; s.nextMember(first); first = false) {
      const { check, shown } = this.identifier(s.key(), "StationID");
      const path = `${userPath}/${shown}`;
      if (!check.ok) {
        this.issue("data", path, check.reason);
        s.skip(3);
        continue;
      }
      if (this.repeated(keys, check.value, path, 3)) continue;
      const kind = s.kind();
      if (kind === "object") this.transactionsObject(check.value, path);
      else if (kind === "array") this.transactionsArray(check.value, path);
      else {
        this.issue("structure", path, 'les transactions de la station doivent former un objet { "<TransactionID>": … }');
        s.skip(3);
      }
    }
  }

  private transactionsObject(station: string, stationPath: string): void {
    const s = this.s;
    s.open(123);
    const keys = new Map<string, number>();
    for (let first = true; s.nextMember(first); first = false) {
      const { check, shown } = this.identifier(s.key(), "TransactionID");
      const path = `${stationPath}/${shown}`;
      if (!check.ok) {
        this.issue("data", path, check.reason);
        s.skip(4);
        continue;
      }
      if (this.repeated(keys, check.value, path, 4)) continue;
      this.transaction(station, check.value, path, 4);
    }
  }

  /** A client deviation: [ { "<TransactionID>": … }, … ], each element an object of one key. */
  private transactionsArray(station: string, stationPath: string): void {
    const s = this.s;
    s.open(91);
    for (let index = 0, first = true; s.nextElement(first); first = false, index++) {
      const elementPath = `${stationPath}/${index}`;
      const oneKey = 'un objet à une seule clé { "<TransactionID>": … } est attendu dans ce tableau';
      if (s.kind() !== "object") {
        this.issue("structure", elementPath, oneKey);
        s.skip(4);
        continue;
      }
      s.open(123);
      const keys = new Map<string, number>();
      let distinct = 0;
      for (let firstKey = true; s.nextMember(firstKey); firstKey = false) {
        const { check, shown } = this.identifier(s.key(), "TransactionID");
        const path = `${stationPath}/${shown}`;
        if (check.ok && this.repeated(keys, check.value, path, 5)) continue;
        if (++distinct > 1 || !check.ok) {
          if (!check.ok) this.issue("data", path, check.reason);
          s.skip(5);
          continue;
        }
        this.transaction(station, check.value, path, 5);
      }
      if (distinct !== 1) this.issue("structure", elementPath, oneKey);
    }
  }
}
