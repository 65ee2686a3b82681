import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";

// Only redirects anonymous visitors of private areas to the login page. Authorisation itself is
// checked again by every page, action and handler (lib/auth/session.ts).
const PRIVATE_PREFIXES = ["/beneficiaire", "/operateur", "/comite", "/admin", "/compte"];

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (!PRIVATE_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return NextResponse.next();
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const login = new URL("/connexion", request.url);
  login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = { matcher: ["/beneficiaire/:path*", "/operateur/:path*", "/comite/:path*", "/admin/:path*", "/compte/:path*"] };
