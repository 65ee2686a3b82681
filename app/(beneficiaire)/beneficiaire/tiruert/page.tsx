import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { TiruertHome } from "@/app/_tiruert/home-page";

export const metadata: Metadata = { title: "TIRUERT électrique" };
export const dynamic = "force-dynamic";

export default async function Page() {
  const user = await requirePermission("tiruert:prepare-own");
  return <TiruertHome user={user} base="/beneficiaire/tiruert" />;
}
