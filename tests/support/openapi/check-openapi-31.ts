import Ajv2020 from "ajv/dist/2020";

// A check of an OpenAPI 3.1 document, written for the portal's tests (no validator package is
// installed): the structure of OpenAPI 3.1's objects as the specification defines them (required
// fields, allowed keys where a typo would go unnoticed, security schemes by type), every schema
// compiled as JSON Schema 2020-12, every $ref resolved, operationIds unique, path parameters
// declared, and security requirements naming defined schemes and scopes.

const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
const extensible = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: "object",
  properties,
  required,
  patternProperties: { "^x-": {} },
  additionalProperties: false,
});
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const structure = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  ...extensible(
    {
      openapi: { type: "string", pattern: "^3\\.1\\.\\d+$" },
      info: ref("info"),
      jsonSchemaDialect: { type: "string" },
      servers: { type: "array", items: ref("server") },
      paths: { type: "object", propertyNames: { pattern: "^/" }, additionalProperties: ref("pathItem") },
      webhooks: { type: "object" },
      components: ref("components"),
      security: { type: "array", items: ref("securityRequirement") },
      tags: { type: "array", items: extensible({ name: { type: "string" }, description: { type: "string" } }, ["name"]) },
      externalDocs: { type: "object" },
    },
    ["openapi", "info"],
  ),
  anyOf: [{ required: ["paths"] }, { required: ["components"] }, { required: ["webhooks"] }],
  $defs: {
    info: extensible(
      {
        title: { type: "string" },
        summary: { type: "string" },
        description: { type: "string" },
        version: { type: "string" },
        termsOfService: {},
        contact: {},
        license: {},
      },
      ["title", "version"],
    ),
    server: extensible({ url: { type: "string" }, description: { type: "string" }, variables: { type: "object" } }, ["url"]),
    pathItem: extensible({
      summary: { type: "string" },
      description: { type: "string" },
      parameters: { type: "array", items: ref("parameter") },
      ...Object.fromEntries(METHODS.map((m) => [m, ref("operation")])),
    }),
    operation: extensible(
      {
        operationId: { type: "string" },
        tags: { type: "array", items: { type: "string" } },
        summary: { type: "string" },
        description: { type: "string" },
        parameters: { type: "array", items: ref("parameter") },
        requestBody: extensible({ description: { type: "string" }, required: { type: "boolean" }, content: ref("content") }, ["content"]),
        responses: { type: "object", propertyNames: { pattern: "^([1-5]\\d\\d|[1-5]XX|default)$" }, additionalProperties: ref("response"), minProperties: 1 },
        security: { type: "array", items: ref("securityRequirement") },
        deprecated: { type: "boolean" },
        servers: { type: "array", items: ref("server") },
      },
      ["responses"],
    ),
    parameter: {
      ...extensible(
        {
          name: { type: "string" },
          in: { enum: ["query", "header", "path", "cookie"] },
          description: { type: "string" },
          required: { type: "boolean" },
          style: { type: "string" },
          explode: { type: "boolean" },
          schema: { type: "object" },
          example: {},
          examples: { type: "object" },
        },
        ["name", "in", "schema"],
      ),
      if: { properties: { in: { const: "path" } } },
      then: { properties: { required: { const: true } }, required: ["required"] },
    },
    content: {
      type: "object",
      additionalProperties: extensible({
        schema: { type: "object" },
        example: {},
        examples: { type: "object", additionalProperties: ref("example") },
        encoding: { type: "object" },
      }),
    },
    example: extensible({ summary: { type: "string" }, description: { type: "string" }, value: {} }, ["value"]),
    header: extensible({ description: { type: "string" }, required: { type: "boolean" }, schema: { type: "object" } }, ["schema"]),
    response: extensible(
      { description: { type: "string" }, headers: { type: "object", additionalProperties: ref("header") }, content: ref("content"), links: { type: "object" } },
      ["description"],
    ),
    components: extensible({
      schemas: { type: "object", additionalProperties: { type: ["object", "boolean"] } },
      securitySchemes: { type: "object", additionalProperties: ref("securityScheme") },
    }),
    securityRequirement: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
    securityScheme: {
      type: "object",
      required: ["type"],
      properties: { type: { enum: ["apiKey", "http", "mutualTLS", "oauth2", "openIdConnect"] } },
      oneOf: [
        extensible({ type: { const: "http" }, scheme: { type: "string" }, bearerFormat: { type: "string" }, description: { type: "string" } }, [
          "type",
          "scheme",
        ]),
        extensible({ type: { const: "mutualTLS" }, description: { type: "string" } }, ["type"]),
        extensible({ type: { const: "apiKey" }, name: { type: "string" }, in: { enum: ["query", "header", "cookie"] }, description: { type: "string" } }, [
          "type",
          "name",
          "in",
        ]),
        extensible({ type: { const: "openIdConnect" }, openIdConnectUrl: { type: "string" }, description: { type: "string" } }, ["type", "openIdConnectUrl"]),
        extensible(
          {
            type: { const: "oauth2" },
            description: { type: "string" },
            flows: extensible({
              password: extensible(
                { tokenUrl: { type: "string" }, refreshUrl: { type: "string" }, scopes: { type: "object", additionalProperties: { type: "string" } } },
                ["tokenUrl", "scopes"],
              ),
            }),
          },
          ["type", "flows"],
        ),
      ],
    },
  },
};

type Doc = {
  paths: Record<string, Record<string, { operationId?: string; parameters?: { name: string; in: string }[]; security?: Record<string, string[]>[] }>>;
  components: {
    schemas: Record<string, unknown>;
    securitySchemes: Record<string, { type: string; flows?: { password?: { scopes: Record<string, string> } } }>;
  };
  security?: Record<string, string[]>[];
};

/** Every problem found in the document (empty when it is a valid OpenAPI 3.1 document). */
export function openApi31Problems(document: unknown): string[] {
  const problems: string[] = [];
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile(structure);
  if (!validate(document)) for (const e of validate.errors ?? []) problems.push(`structure ${e.instancePath || "/"} ${e.message}`);
  const doc = document as Doc;
  const text = JSON.stringify(doc);
  for (const [, target] of text.matchAll(/"\$ref":"([^"]+)"/g)) {
    const resolved = target
      .replace(/^#\//, "")
      .split("/")
      .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), doc);
    if (resolved === undefined) problems.push(`unresolved $ref ${target}`);
  }
  for (const id of Object.keys(doc.components?.schemas ?? {})) {
    try {
      new Ajv2020({ strict: false, validateFormats: false }).compile({ $ref: `#/components/schemas/${id}`, components: doc.components });
    } catch (e) {
      problems.push(`schema ${id} does not compile: ${(e as Error).message}`);
    }
  }
  const ids = new Set<string>();
  const requirements = [...(doc.security ?? [])];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      if (op.operationId) {
        if (ids.has(op.operationId)) problems.push(`duplicate operationId ${op.operationId}`);
        ids.add(op.operationId);
      }
      const declared = (op.parameters ?? [])
        .filter((p) => p.in === "path")
        .map((p) => p.name)
        .sort();
      if (JSON.stringify(declared) !== JSON.stringify(templated)) problems.push(`${method} ${path}: path parameters ${declared} ≠ ${templated}`);
      requirements.push(...(op.security ?? []));
    }
  }
  for (const requirement of requirements)
    for (const [name, scopes] of Object.entries(requirement)) {
      const scheme = doc.components?.securitySchemes?.[name];
      if (!scheme) problems.push(`security requirement names unknown scheme ${name}`);
      else if (scheme.type === "oauth2")
        for (const s of scopes) if (!(s in (scheme.flows?.password?.scopes ?? {}))) problems.push(`scope ${s} not defined by ${name}`);
    }
  return problems;
}
