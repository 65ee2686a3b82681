import type { Metadata } from "next";
import { requireTiruertArea } from "@/app/_tiruert/require-area";
import { TiruertPointsPage } from "@/app/_tiruert/points-page";

export const metadata: Metadata = { title: "TIRUERT électrique — points enregistrés" };
export const dynamic = "force-dynamic";

export default async function Page() {
  const user = await requireTiruertArea("operateur");
  return <TiruertPointsPage user={user} base="/operateur/tiruert" />;
}
