// The portal's Node server with its doors (ADVENIR and QualiCharge), as cli/http-server.ts composes
// it, with Next.js stood in by a 404: what bench/qualicharge.ts starts when there is no build of
// the portal (.next), since every QualiCharge request is answered before Next.js. Run as a
// process of its own: `node --import tsx bench/qualicharge/door-server.ts` with DATABASE_URL,
// QUALICHARGE_JWT_SECRET and PORT; prints "listening" when ready.
import { getEnv } from "@/lib/platform/env";
import { db } from "@/lib/platform/db/database";
import { createPortalServer } from "@/lib/platform/server/portal-server";
import { advenirDoor, advenirSocketFailureBody } from "@/lib/channels/advenir/advenir-door";
import { qualichargeDoor } from "@/lib/channels/qualicharge/qualicharge-door";

async function main() {
  await db(); // migrations applied, pool open, as at the portal's start
  const server = createPortalServer(getEnv(), {
    doors: [advenirDoor, qualichargeDoor],
    handleOther: (_req, res) => res.writeHead(404).end(),
    socketFailureBody: advenirSocketFailureBody,
  });
  server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
  // A clean exit on SIGTERM, so that a --cpu-prof profile is written.
  process.once("SIGTERM", () => process.exit(0));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
