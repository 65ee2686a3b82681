import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { can, type Permission } from "@/lib/auth/permissions";
import { sessionStillValid } from "@/lib/auth/session-validity";
import { db } from "@/lib/platform/db/database";
import { AppError } from "@/lib/platform/errors";
import type { Role } from "@/generated/prisma/enums";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  operatorId: string | null;
  beneficiaryId: string | null;
}

/**
 * The signed-in user, reloaded from the database: null when anonymous, disabled, or when the
 * session was opened before the account was last disabled (re-enabling does not revive it).
 */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const prisma = await db();
  const user = await prisma.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, operatorId: true, beneficiaryId: true, disabledAt: true, sessionsValidFrom: true },
  });
  if (!user || user.disabledAt || !sessionStillValid(session?.user?.loginAt, user.sessionsValidFrom)) return null;
  const { disabledAt: _disabled, sessionsValidFrom: _validFrom, ...current } = user;
  return current;
}

// Pages and server actions: anonymous → login page; signed in without the right → the refusal
// page (app/forbidden.tsx) answered in place with HTTP 403, the address unchanged. A resource
// that exists but is someone else's answers notFound() (404), like one that does not exist.

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/connexion");
  return user;
}

export async function requirePermission(permission: Permission): Promise<CurrentUser> {
  const user = await requireUser();
  if (!can(user.role, permission)) forbidden();
  return user;
}

export async function requireRole(role: Role): Promise<CurrentUser> {
  const user = await requireUser();
  if (user.role !== role) forbidden();
  return user;
}

// Route handlers answer with an error body instead of a redirect.
export async function authorizeRequest(permission: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Connexion requise.");
  if (!can(user.role, permission)) throw new AppError("FORBIDDEN", "Vous n'avez pas accès à cette ressource.");
  return user;
}
