// What a server action returns to its form (importable by client components): a French
// message, and errors keyed by field path so each is shown next to its input.
export interface ActionState {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** The submitted values, to refill the form after an error. */
  values?: Record<string, string>;
}

export const INITIAL_ACTION_STATE: ActionState = { ok: false };
