import { existsSync } from "node:fs";

// Browser tests never skip: without a browser the test command fails and says how to get one.
const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(path)) {
  console.error(
    `Chromium introuvable (${path}). Installez-le : \`sudo apt-get install -y chromium\` ` +
      "(Debian/Ubuntu), ou indiquez un Chromium existant avec CHROMIUM_PATH=/chemin/vers/chromium.",
  );
  process.exit(1);
}
console.log(`Chromium : ${path}`);
