import { test, expect } from "@playwright/test";

test("GET /api/health : base joignable et migrations à jour", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ statut: "OK", base: "joignable", migrationsEnAttente: [] });
});
