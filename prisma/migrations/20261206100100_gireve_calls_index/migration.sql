-- The admin's list of the GIREVE door's calls (lib/gireve-relay/list-gireve-calls.ts: door GIREVE,
-- newest first, a page at a time) read the whole journal of every door; a partial index keeps it
-- to the GIREVE rows, in the list's order.
CREATE INDEX "submission_gireve_received_idx" ON "submission" ("received_at" DESC, "id" DESC) WHERE "door" = 'GIREVE';
