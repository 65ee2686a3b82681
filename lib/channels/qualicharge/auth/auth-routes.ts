import type { QualichargeRoute } from "@/lib/channels/qualicharge/router";
import { authed } from "@/lib/channels/qualicharge/router";
import { tokenRoute } from "@/lib/channels/qualicharge/auth/token-route";

// POST /auth/token (OAuth2 password flow) and GET /auth/whoami.
export const authRoutes: QualichargeRoute[] = [
  tokenRoute,
  {
    method: "GET",
    path: "/auth/whoami",
    scope: "authenticated",
    handle: authed(async ({ principal }) => ({
      status: 200,
      body: {
        username: principal.username,
        email: principal.email,
        first_name: principal.firstName,
        last_name: principal.lastName,
        is_active: principal.isActive,
        is_staff: false,
        is_superuser: principal.isSuperuser,
        scopes: principal.scopes,
        groups: principal.groups,
        operational_units: principal.units,
      },
    })),
  },
];
