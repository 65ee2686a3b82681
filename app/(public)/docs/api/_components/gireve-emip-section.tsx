// The GIREVE part of /docs/api: the eMIP SOAP endpoint is not in the OpenAPI document (SOAP 1.2,
// XML): its description is the WSDL and the XML Schemas served from public/api/ (docs/api-gireve.md).

const FILES = [
  { href: "/api/gireve-emip.wsdl", label: "Description du service (WSDL 1.1, liaison SOAP 1.2)" },
  { href: "/api/gireve-emip.xsd", label: "Schéma XML d'une requête entière : l'enveloppe SOAP 1.2 et son unique message" },
  { href: "/api/gireve-emip-dynamic.xsd", label: "Schéma XML des statuts (espace de noms EVCIDynamicV1)" },
  { href: "/api/gireve-emip-authorisation.xsd", label: "Schéma XML des enregistrements de charge (espace de noms AuthorisationV1)" },
] as const;

export function GireveEmipSection() {
  return (
    <section aria-labelledby="gireve">
      <h2 id="gireve">Canal GIREVE (eMIP)</h2>
      <p>
        GIREVE relaie au portail, selon le protocole eMIP, les données des opérateurs qui passent par sa plateforme d&apos;interopérabilité (§ 4.2 du protocole
        ADVENIR) : les <strong>statuts</strong> de chaque point de charge (disponibilité, occupation) et les <strong>enregistrements de charge</strong>{" "}
        (intermédiaires pendant la charge, puis final). Adresse : <code>POST /api/gireve/emip</code>, une enveloppe SOAP 1.2 (<code>application/soap+xml</code>)
        par message.
      </p>
      <p>
        Accès réservé au relais de GIREVE : certificat client (transmis par le reverse proxy de l&apos;hébergeur) ou HTTP Basic, avec le compte créé par
        l&apos;administrateur du portail. Chaque message reçoit une réponse eMIP (<code>requestStatus</code> : 1 si tout va bien) ou, s&apos;il est illisible,
        une erreur SOAP (<em>Fault</em>). Ce canal n&apos;apparaît pas dans le document OpenAPI : il est décrit par les fichiers suivants.
      </p>
      <ul>
        {FILES.map((f) => (
          <li key={f.href}>
            <a href={f.href}>
              <code>{f.href}</code>
            </a>{" "}
            : {f.label}
          </li>
        ))}
      </ul>
    </section>
  );
}
