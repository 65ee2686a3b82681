import type { z } from "zod";
import type { ValidationDetail } from "@/lib/channels/qualicharge/errors";

// zod's issues written as FastAPI's 422 `detail` items (pydantic's error types where one maps):
// `loc` starts with where the value came from ("body", "query", "path") and follows the path.

function typeOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "missing" : `${issue.expected}_type`;
    case "too_small":
      return issue.origin === "string" ? "string_too_short" : issue.origin === "array" ? "too_short" : issue.inclusive ? "greater_than_equal" : "greater_than";
    case "too_big":
      return issue.origin === "string" ? "string_too_long" : issue.origin === "array" ? "too_long" : issue.inclusive ? "less_than_equal" : "less_than";
    case "invalid_format":
      return issue.format === "regex" ? "string_pattern_mismatch" : `${issue.format}_parsing`;
    case "invalid_value":
      return "enum";
    case "unrecognized_keys":
      return "extra_forbidden";
    case "custom":
      // A schema's own rule names pydantic's type in its params (lib/schemas/qualicharge-session.ts).
      return typeof issue.params?.type === "string" ? issue.params.type : "value_error";
    default:
      return "value_error";
  }
}

export function validationDetails(error: z.ZodError, source: "body" | "query" | "path", prefix: (string | number)[] = []): ValidationDetail[] {
  return error.issues.map((issue) => ({
    type: typeOf(issue),
    loc: [source, ...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
    msg: issue.input === undefined && issue.code === "invalid_type" ? "Field required" : issue.message,
  }));
}
