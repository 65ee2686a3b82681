import type { Metadata } from "next";
import { requireTiruertArea } from "@/app/_tiruert/require-area";
import { TiruertHome } from "@/app/_tiruert/home-page";

export const metadata: Metadata = { title: "TIRUERT électrique" };
export const dynamic = "force-dynamic";

export default async function Page() {
  const user = await requireTiruertArea("operateur");
  return <TiruertHome user={user} base="/operateur/tiruert" />;
}
