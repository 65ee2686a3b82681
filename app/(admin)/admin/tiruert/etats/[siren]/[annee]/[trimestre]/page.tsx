import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { TiruertStatementPage } from "@/app/_tiruert/statement-page";

export const metadata: Metadata = { title: "TIRUERT électrique — état trimestriel" };
export const dynamic = "force-dynamic";

export default async function Page({ params }: { params: Promise<{ siren: string; annee: string; trimestre: string }> }) {
  const user = await requirePermission("tiruert:read-all");
  return <TiruertStatementPage user={user} base="/admin/tiruert" params={await params} />;
}
