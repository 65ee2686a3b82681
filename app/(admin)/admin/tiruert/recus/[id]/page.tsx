import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { TiruertReceiptPage } from "@/app/_tiruert/receipt-page";

export const metadata: Metadata = { title: "TIRUERT électrique — récépissé de dépôt" };
export const dynamic = "force-dynamic";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("tiruert:read-all");
  return <TiruertReceiptPage user={user} base="/admin/tiruert" id={(await params).id} />;
}
