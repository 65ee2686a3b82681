import type { Metadata } from "next";
import Link from "next/link";
import { buildOpenApiDocument } from "@/lib/channels/advenir/openapi/build-openapi-document";
import { SchemaFields, type JsonSchemaLike } from "@/components/openapi/schema-fields";

// The OpenAPI document rendered as a DSFR page, on the server, with no script nor CDN.
export const metadata: Metadata = { title: "Documentation de l'API ADVENIR" };

const ENDPOINTS = [
  { path: "/api/operation/put", title: "Opérations de charge", anchor: "operations" },
  { path: "/api/courbe/put", title: "Courbes de charge", anchor: "courbes" },
] as const;

function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <pre
      className="fr-p-2w"
      style={{ whiteSpace: "pre-wrap", wordBreak: "break-all", background: "var(--background-alt-grey)" }}
      tabIndex={0}
      aria-label={label}
    >
      <code>{JSON.stringify(value, null, 2)}</code>
    </pre>
  );
}

export default function ApiDocsPage() {
  const doc = buildOpenApiDocument();
  const schemas = doc.components.schemas as Record<string, JsonSchemaLike>;
  return (
    <>
      <h1>{doc.info.title}</h1>
      <p>{doc.info.description}</p>
      <p>
        Document OpenAPI {doc.openapi} : <Link href="/api/openapi.json">/api/openapi.json</Link> (à importer dans votre outil ou générateur de client).
      </p>
      <nav aria-label="Sommaire de la documentation" className="fr-mb-3w">
        <ul>
          <li>
            <a href="#authentification">Authentification</a>
          </li>
          {ENDPOINTS.map((e) => (
            <li key={e.anchor}>
              <a href={`#${e.anchor}`}>
                {e.title} — <code>POST {e.path}</code>
              </a>
            </li>
          ))}
          <li>
            <a href="#reponses">Réponses</a>
          </li>
        </ul>
      </nav>

      <h2 id="authentification">Authentification</h2>
      <ul>
        {Object.entries(doc.components.securitySchemes).map(([id, s]) => (
          <li key={id}>
            <strong>{s.type === "http" ? "HTTP Basic" : "Certificat client (TLS mutuel via reverse proxy)"}</strong> : {s.description}
          </li>
        ))}
      </ul>

      {ENDPOINTS.map((e) => {
        const op = doc.paths[e.path].post;
        const body = op.requestBody.content["application/json"];
        return (
          <section key={e.anchor} aria-labelledby={e.anchor}>
            <h2 id={e.anchor}>
              {e.title} — <code>POST {e.path}</code>
            </h2>
            <p>
              {op.summary} (<code>PUT</code> est accepté de la même façon).
            </p>
            <p>{op.description}</p>
            <h3>Données d&apos;une transaction</h3>
            {e.anchor === "operations" ? (
              <SchemaFields name="OperationDeCharge" schema={schemas.OperationDeCharge} />
            ) : (
              <>
                <p>{schemas.CourbeDeCharge.description}</p>
                <SchemaFields name="PointDeCourbe" schema={schemas.PointDeCourbe} />
              </>
            )}
            <h3>Exemple de corps</h3>
            <Json value={body.examples.protocole.value} label={`Exemple de corps pour ${e.path}`} />
          </section>
        );
      })}

      <h2 id="reponses">Réponses</h2>
      <SchemaFields name="ReponseOK" schema={schemas.ReponseOK} />
      <SchemaFields name="ReponseECHEC" schema={schemas.ReponseECHEC} />
      <div className="fr-table">
        <table>
          <caption>Statuts HTTP</caption>
          <thead>
            <tr>
              <th scope="col">Statut</th>
              <th scope="col">Cas</th>
              <th scope="col">Exemple</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(doc.paths["/api/operation/put"].post.responses).map(([status, r]) => {
              const response = r as { description: string; content: { "application/json": { example: unknown } } };
              return (
                <tr key={status}>
                  <td>{status}</td>
                  <td>{response.description}</td>
                  <td>
                    <code style={{ wordBreak: "break-all" }}>{JSON.stringify(response.content["application/json"].example)}</code>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
