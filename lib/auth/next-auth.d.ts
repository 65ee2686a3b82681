import type { Role } from "@/generated/prisma/enums";

// What our callbacks add to next-auth's user, session and token.
declare module "next-auth" {
  interface User {
    role: Role;
  }
  interface Session {
    user?: { id?: string; name?: string | null; email?: string | null; role?: Role };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
  }
}
