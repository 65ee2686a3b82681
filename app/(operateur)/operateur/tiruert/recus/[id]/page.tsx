import type { Metadata } from "next";
import { requireTiruertArea } from "@/app/_tiruert/require-area";
import { TiruertReceiptPage } from "@/app/_tiruert/receipt-page";

export const metadata: Metadata = { title: "TIRUERT électrique — récépissé de dépôt" };
export const dynamic = "force-dynamic";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireTiruertArea("operateur");
  return <TiruertReceiptPage user={user} base="/operateur/tiruert" id={(await params).id} />;
}
