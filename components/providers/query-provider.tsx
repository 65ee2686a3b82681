"use client";

import { useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";

// Client-side fetching with caching (@tanstack/react-query, docs/decisions/0013): the committee
// filters' area lists and the operator console's live list of submissions. One client per
// browser tab; pages stay usable without JavaScript (they are rendered on the server first).
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, retry: false, refetchOnWindowFocus: false } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
