import type { Metadata } from "next";
import Link from "next/link";
import { buildPortalOpenApiDocument } from "@/app/api/openapi.json/portal-openapi-document";
import { SchemaFields, type JsonSchemaLike } from "@/components/openapi/schema-fields";
import { QualichargeApiSection } from "@/app/(public)/docs/api/_components/qualicharge-api-section";
import { GireveEmipSection } from "@/app/(public)/docs/api/_components/gireve-emip-section";
import { Json } from "@/app/(public)/docs/api/_components/json-block";

// The portal's OpenAPI document rendered as a DSFR page, on the server, with no script nor CDN:
// the ADVENIR web service, then QualiCharge's API v1; then the GIREVE channel (SOAP, not in the
// OpenAPI document), which links to its WSDL and XML Schemas.
export const metadata: Metadata = { title: "Documentation des API du portail ADVENIR" };

const ADVENIR_SCHEMES = ["basicAuth", "certificatClient"] as const;

const ENDPOINTS = [
  { path: "/api/operation/put", title: "Opérations de charge", anchor: "operations" },
  { path: "/api/courbe/put", title: "Courbes de charge", anchor: "courbes" },
] as const;

export default function ApiDocsPage() {
  const doc = buildPortalOpenApiDocument();
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
            <a href="#advenir">Web service ADVENIR</a> : <a href="#authentification">authentification</a>
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
          <li>
            <a href="#qualicharge">API QualiCharge v1</a> (<code>/api/v1/…</code>)
          </li>
          <li>
            <a href="#gireve">Canal GIREVE (eMIP)</a> (<code>POST /api/gireve/emip</code>, SOAP 1.2)
          </li>
        </ul>
      </nav>

      <h2 id="advenir">Web service ADVENIR</h2>
      <h3 id="authentification">Authentification</h3>
      <ul>
        {ADVENIR_SCHEMES.map((id) => (
          <li key={id}>
            <strong>{id === "basicAuth" ? "HTTP Basic" : "Certificat client (TLS mutuel via reverse proxy)"}</strong> :{" "}
            {doc.components.securitySchemes[id].description}
          </li>
        ))}
      </ul>

      {ENDPOINTS.map((e) => {
        const op = doc.paths[e.path].post;
        const body = op.requestBody.content["application/json"];
        return (
          <section key={e.anchor} aria-labelledby={e.anchor}>
            <h3 id={e.anchor}>
              {e.title} — <code>POST {e.path}</code>
            </h3>
            <p>
              {op.summary} (<code>PUT</code> est accepté de la même façon).
            </p>
            <p>{op.description}</p>
            <h4>Données d&apos;une transaction</h4>
            {e.anchor === "operations" ? (
              <SchemaFields name="OperationDeCharge" schema={schemas.OperationDeCharge} />
            ) : (
              <>
                <p>{schemas.CourbeDeCharge.description}</p>
                <SchemaFields name="PointDeCourbe" schema={schemas.PointDeCourbe} />
              </>
            )}
            <h4>Exemple de corps</h4>
            <Json value={body.examples.protocole.value} label={`Exemple de corps pour ${e.path}`} />
          </section>
        );
      })}

      <h3 id="reponses">Réponses</h3>
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

      <QualichargeApiSection doc={doc} />

      <GireveEmipSection />
    </>
  );
}
