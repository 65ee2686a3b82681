import { SchemaFields, type JsonSchemaLike } from "@/components/openapi/schema-fields";
import type { PortalOpenApiDocument } from "@/app/api/openapi.json/portal-openapi-document";
import { Json } from "@/app/(public)/docs/api/_components/json-block";

// The QualiCharge part of /docs/api: authentication, the table of endpoints with their scope and
// answers, then each endpoint with its example body and answers, then the models.

interface Operation {
  operationId: string;
  summary: string;
  description: string;
  "x-qualicharge-scope": string | null;
  requestBody?: { content: Record<string, { example: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }> }>;
}

const MODELS = ["Statique", "Status", "Session", "StatiquePage", "WhoAmI", "ValidationDetail"] as const;

function exampleOf(response: Operation["responses"][string]): unknown {
  const content = response.content?.["application/json"];
  if (!content) return undefined;
  return content.example !== undefined ? content.example : Object.values(content.examples ?? {})[0]?.value;
}

function scopeLabel(scope: string | null): string {
  if (scope === null) return "aucune (identifiant et mot de passe)";
  return scope === "authenticated" ? "jeton valide" : scope;
}

export function QualichargeApiSection({ doc }: { doc: PortalOpenApiDocument }) {
  const operations = Object.entries(doc.paths)
    .filter(([path]) => path.startsWith("/api/v1/"))
    .flatMap(([path, methods]) =>
      Object.entries(methods as unknown as Record<string, Operation>).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );
  const oauth = doc.components.securitySchemes.qualichargeOAuth2 as {
    description: string;
    flows: { password: { tokenUrl: string; scopes: Record<string, string> } };
  };
  const schemas = doc.components.schemas as Record<string, JsonSchemaLike>;
  return (
    <section aria-labelledby="qualicharge">
      <h2 id="qualicharge">API QualiCharge v1</h2>
      <p>
        Le portail sert l&apos;API v1 de QualiCharge sous <code>/api/v1</code> : un client écrit pour QualiCharge fonctionne en changeant seulement son URL de
        base. Les corps peuvent être compressés (<code>Content-Encoding: gzip</code>), sauf pour <code>/auth</code>. Les messages d&apos;erreur sont ceux de
        QualiCharge, en anglais, car ses clients les lisent.
      </p>
      <h3 id="qualicharge-authentification">Authentification</h3>
      <p>{oauth.description}</p>
      <p>
        Jeton : <code>POST {oauth.flows.password.tokenUrl}</code> (formulaire <code>username</code>, <code>password</code>), puis l&apos;en-tête{" "}
        <code>Authorization: Bearer &lt;jeton&gt;</code> ; le jeton vaut 30 minutes.
      </p>
      <div className="fr-table">
        <table>
          <caption>Portées</caption>
          <thead>
            <tr>
              <th scope="col">Portée</th>
              <th scope="col">Permet</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(oauth.flows.password.scopes).map(([scope, text]) => (
              <tr key={scope}>
                <td>
                  <code>{scope}</code>
                </td>
                <td>{text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="fr-table">
        <table>
          <caption>Points d&apos;accès de l&apos;API QualiCharge</caption>
          <thead>
            <tr>
              <th scope="col">Point d&apos;accès</th>
              <th scope="col">Portée</th>
              <th scope="col">Rôle</th>
              <th scope="col">Statuts</th>
            </tr>
          </thead>
          <tbody>
            {operations.map(({ path, method, op }) => (
              <tr key={op.operationId}>
                <td>
                  <a href={`#${op.operationId}`}>
                    <code>
                      {method} {path}
                    </code>
                  </a>
                </td>
                <td>{scopeLabel(op["x-qualicharge-scope"])}</td>
                <td>{op.summary}</td>
                <td>{Object.keys(op.responses).join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {operations.map(({ path, method, op }) => {
        const body = op.requestBody ? Object.values(op.requestBody.content)[0]?.example : undefined;
        return (
          <section key={op.operationId} aria-labelledby={op.operationId}>
            <h3 id={op.operationId}>
              {op.summary} — <code>{`${method} ${path}`}</code>
            </h3>
            <p>
              {op.description} Portée : {scopeLabel(op["x-qualicharge-scope"])}.
            </p>
            {body !== undefined && (
              <>
                <h4>Exemple de corps</h4>
                <Json value={body} label={`Exemple de corps pour ${method} ${path}`} />
              </>
            )}
            <ul>
              {Object.entries(op.responses).map(([status, response]) => {
                const example = exampleOf(response);
                return (
                  <li key={status}>
                    <strong>{status}</strong> — {response.description}
                    {example !== undefined && status !== "200" && status !== "201" && (
                      <>
                        {" "}
                        : <code style={{ wordBreak: "break-all" }}>{JSON.stringify(example)}</code>
                      </>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      <h3 id="qualicharge-modeles">Modèles</h3>
      {MODELS.map((name) => (
        <SchemaFields key={name} name={name} schema={schemas[name]} />
      ))}
    </section>
  );
}
