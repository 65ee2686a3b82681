// What the forms of the QualiCharge API's machine accounts offer to choose (plain data from the page).
export interface OperatorChoice {
  id: string;
  name: string;
}
export interface UnitChoice {
  code: string;
  name: string;
  operatorName: string;
}
export interface GroupChoice {
  id: string;
  name: string;
  operatorName: string;
}

/**
 * Checkbox names of a form: one name per option (`scope_static:read`, `group_<id>`, `unit_FRXYZ`),
 * since the actions read one value per name; the action gathers them by prefix.
 */
export const CHECKBOX_PREFIX = { scopes: "scope_", groupIds: "group_", unitCodes: "unit_" } as const;
