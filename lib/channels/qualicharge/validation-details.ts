import type { z } from "zod";
import type { ValidationDetail } from "@/lib/channels/qualicharge/errors";

// zod's issues written as FastAPI's 422 `detail` items (pydantic's error types where one maps):
// `loc` starts with where the value came from ("body", "query", "path") and follows the path.

/** A required field that is absent; for an enumeration, known only when parsed with `reportInput: true`. */
function isMissing(issue: z.core.$ZodIssue): boolean {
  if (issue.code === "invalid_type") return issue.input === undefined;
  return issue.code === "invalid_value" && "input" in issue && issue.input === undefined;
}

function typeOf(issue: z.core.$ZodIssue): string {
  if (isMissing(issue)) return "missing";
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
      // A refinement names pydantic's type in its params (e.g. "timezone_aware", lib/schemas/qualicharge-status.ts).
      return typeof issue.params?.type === "string" ? issue.params.type : "value_error";
    default:
      return "value_error";
  }
}

export function validationDetails(error: z.ZodError, source: "body" | "query" | "path", prefix: (string | number)[] = []): ValidationDetail[] {
  return error.issues.map((issue) => ({
    type: typeOf(issue),
    loc: [source, ...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
    msg: isMissing(issue) ? "Field required" : issue.message,
  }));
}
