// Renders the fields of an object schema of the OpenAPI document (JSON Schema 2020-12) as a
// DSFR table: name, type, required, constraints, description. Formatting only.

export interface JsonSchemaLike {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchemaLike>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  minItems?: number;
  items?: JsonSchemaLike;
  $ref?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchemaLike[];
  pattern?: string;
  maxLength?: number;
  format?: string;
}

const TYPES: Record<string, string> = { integer: "entier", string: "texte", number: "nombre", array: "tableau", object: "objet", boolean: "booléen" };

function typeOf(s: JsonSchemaLike): string {
  if (s.$ref) return s.$ref.split("/").pop() ?? "";
  if (s.anyOf) return s.anyOf.map(typeOf).join(" ou ");
  if (s.type === "null") return "null";
  if (s.const !== undefined) return `« ${String(s.const)} »`;
  if (s.type === "array" && s.items) return `tableau de ${typeOf(s.items)}`;
  return s.type ? (TYPES[s.type] ?? s.type) : "—";
}

function constraints(s: JsonSchemaLike): string {
  const out: string[] = [];
  if (s.minimum !== undefined) out.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER) out.push(`≤ ${s.maximum}`);
  if (s.minItems !== undefined) out.push(`${s.minItems} éléments au moins`);
  if (s.maxLength !== undefined) out.push(`${s.maxLength} caractères au plus`);
  if (s.enum) out.push(`parmi : ${s.enum.map((v) => `« ${String(v)} »`).join(", ")}`);
  if (s.pattern) out.push(`motif ${s.pattern}`);
  if (s.format) out.push(`format ${s.format}`);
  for (const alternative of s.anyOf ?? []) if (alternative.type !== "null") out.push(...[constraints(alternative)].filter((c) => c !== "—"));
  return out.join(", ") || "—";
}

export function SchemaFields({ name, schema }: { name: string; schema: JsonSchemaLike }) {
  const target = schema.type === "array" && schema.items?.properties ? schema.items : schema;
  const props = Object.entries(target.properties ?? {});
  return (
    <div className="fr-table">
      <table>
        <caption>
          {name} {schema.type === "array" ? `(tableau${schema.minItems ? `, ${schema.minItems} éléments au moins` : ""})` : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">Champ</th>
            <th scope="col">Type</th>
            <th scope="col">Obligatoire</th>
            <th scope="col">Contraintes</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {props.map(([key, p]) => (
            <tr key={key}>
              <td>
                <code>{key}</code>
              </td>
              <td>{typeOf(p)}</td>
              <td>{target.required?.includes(key) ? "oui" : "non"}</td>
              <td>{constraints(p)}</td>
              <td>{p.description ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
