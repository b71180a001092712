/** A module that imports another one. */
import { header, struct } from "uapi-gen/dsl";
import { demo_query } from "./demo.js";

export const demo_ext = header({ name: "demo_ext", doc: "Extension of the demo uAPI." });

export const demo_wrapper = struct({
  doc: "Wraps a query.",
  fields: {
    query: { type: demo_query, doc: "The query." },
  },
});
