import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/platform/errors";

/** For pages: a domain function's NOT_FOUND becomes the 404 page (app/not-found.tsx); other errors go on. */
export async function orNotFound<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}
