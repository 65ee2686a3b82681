import type { Role } from "@/generated/prisma/enums";

// What our callbacks add to next-auth's user, session and token.
declare module "next-auth" {
  interface User {
    role: Role;
  }
  interface Session {
    user?: { id?: string; name?: string | null; email?: string | null; role?: Role; loginAt?: number };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    /** When the password was checked (ms), kept when the token is re-issued: sessions opened before an account was disabled stay void. */
    loginAt?: number;
  }
}
