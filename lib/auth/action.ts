import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { requirePermission, type CurrentUser } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/schemas/validation";
import { actionError, formValues } from "@/lib/platform/http/action-state";
import type { ActionState } from "@/lib/platform/http/action-state-shared";

// The one skeleton of the portal's server actions: check the permission (refused: the 403 page,
// anonymous: the login page, as for pages), read the form, parse it with the action's zod schema
// when it has one, run the action, and turn what it threw into the ActionState its form shows:
// an AppError's message and field errors keyed by path, or for an unexpected error an id the
// person can quote (logged under that id). redirect() and notFound() inside `fn` pass through.
// Actions have no try/catch of their own.

export interface ActionInput<I> {
  user: CurrentUser;
  /** The form parsed by the action's schema (the raw values when it has none). */
  input: I;
  /** The form's text values, as typed. */
  values: Record<string, string>;
}

export interface ActionOptions {
  /** Give the typed values back to refill the form after an error (not for passwords). */
  keepValues?: boolean;
  /** Field paths of the domain function → the form's input names. */
  fieldName?: (path: string) => string;
}

type Bound = unknown[];

/**
 * A server action `(…bound, previousState, form) => state`, bound arguments first (`.bind(null, dossierId)`).
 * `schema` parses the form's values; null when the domain function validates its own input.
 */
export function action<S extends ActionState, A extends Bound = [], I = Record<string, string>>(
  permission: Permission,
  schema: z.ZodType<I> | null,
  fn: (input: ActionInput<I>, ...bound: A) => Promise<S>,
  options: ActionOptions = {},
): (...args: [...A, S, FormData]) => Promise<S> {
  const keepValues = options.keepValues ?? true;
  return async (...args) => {
    const user = await requirePermission(permission);
    const form = args[args.length - 1] as FormData;
    const bound = args.slice(0, -2) as A;
    const values = formValues(form);
    try {
      const input = schema ? parseInput(schema, values) : (values as I);
      return await fn({ user, input, values }, ...bound);
    } catch (e) {
      unstable_rethrow(e);
      const state = actionError(e, keepValues ? values : undefined);
      if (options.fieldName && state.fieldErrors) {
        const rename = options.fieldName;
        state.fieldErrors = Object.fromEntries(Object.entries(state.fieldErrors).map(([path, message]) => [rename(path), message]));
      }
      return state as S;
    }
  };
}
