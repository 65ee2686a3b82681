// The portal's Node server with its doors, as cli/http-server.ts composes it, with Next.js stood in
// by a 404: what bench/gireve.ts starts (no build of the portal is needed, since every eMIP
// request is answered before Next.js). Run as a process of its own:
// `node --import tsx bench/gireve/door-server.ts` with DATABASE_URL and PORT; prints "listening".
import { getEnv } from "@/lib/platform/env";
import { db } from "@/lib/platform/db/database";
import { createPortalServer } from "@/lib/platform/server/portal-server";
import { advenirDoor, advenirSocketFailureBody } from "@/lib/channels/advenir/advenir-door";
import { qualichargeDoor } from "@/lib/channels/qualicharge/qualicharge-door";
import { gireveDoor } from "@/lib/channels/gireve/gireve-door";

async function main() {
  await db(); // migrations applied, pool open, as at the portal's start
  const server = createPortalServer(getEnv(), {
    doors: [advenirDoor, qualichargeDoor, gireveDoor],
    handleOther: (_req, res) => res.writeHead(404).end(),
    socketFailureBody: advenirSocketFailureBody,
  });
  server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
  process.once("SIGTERM", () => process.exit(0)); // a clean exit, so that a --cpu-prof profile is written
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
