import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { TiruertPointsPage } from "@/app/_tiruert/points-page";

export const metadata: Metadata = { title: "TIRUERT électrique — points enregistrés" };
export const dynamic = "force-dynamic";

export default async function Page() {
  const user = await requirePermission("tiruert:prepare-own");
  return <TiruertPointsPage user={user} base="/beneficiaire/tiruert" />;
}
