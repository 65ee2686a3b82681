// Same page as the admin's: both roles hold "declarations:read-late" and the page checks it.
export { default, metadata } from "@/app/(admin)/admin/declarations-en-retard/page";
