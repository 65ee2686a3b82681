import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyLogin } from "@/lib/users/verify-login";
import { isAppError } from "@/lib/platform/errors";
import { getEnv } from "@/lib/platform/env";
import { CLIENT_IP_HEADER } from "@/lib/platform/server/trusted-headers";

// next-auth v4, credentials provider, JWT sessions (8 h). The JWT only carries the user id and
// role for display; lib/auth/session.ts reloads the user on every request so a disabled
// account or a changed role takes effect at once.
export function authOptions(): AuthOptions {
  return {
    secret: getEnv().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: "/connexion", error: "/connexion" },
    providers: [
      CredentialsProvider({
        name: "Adresse e-mail",
        credentials: { email: { label: "Adresse e-mail", type: "email" }, password: { label: "Mot de passe", type: "password" } },
        async authorize(credentials, req) {
          const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
          const ip = headers[CLIENT_IP_HEADER] ?? "inconnue";
          try {
            const user = await verifyLogin({ email: credentials?.email, password: credentials?.password, ip });
            return { id: user.id, email: user.email, name: user.name, role: user.role };
          } catch (e) {
            // The message reaches the login page as `error`; it is French and safe to show.
            if (isAppError(e)) throw new Error(e.message);
            throw e;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        // `user` is present only at sign-in; later re-issues keep loginAt (iat would move on).
        if (user) Object.assign(token, { role: user.role, loginAt: Date.now() });
        return token;
      },
      session({ session, token }) {
        if (session.user) Object.assign(session.user, { id: token.sub, role: token.role, loginAt: token.loginAt });
        return session;
      },
    },
  };
}
