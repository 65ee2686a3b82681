import type { Metadata } from "next";
import { requireTiruertArea } from "@/app/_tiruert/require-area";
import { TiruertStatementPage } from "@/app/_tiruert/statement-page";

export const metadata: Metadata = { title: "TIRUERT électrique — état trimestriel" };
export const dynamic = "force-dynamic";

export default async function Page({ params }: { params: Promise<{ siren: string; annee: string; trimestre: string }> }) {
  const user = await requireTiruertArea("beneficiaire");
  return <TiruertStatementPage user={user} base="/beneficiaire/tiruert" params={await params} />;
}
