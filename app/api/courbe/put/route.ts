import { advenirPutHandler } from "@/lib/channels/advenir/handle-put";

// ADVENIR web service (protocol §4.1): load curves. POST as documented; PUT as some clients send.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handler = advenirPutHandler("courbe");
export const POST = handler;
export const PUT = handler;
