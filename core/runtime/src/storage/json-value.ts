/** A value that survives `JSON.stringify` / `JSON.parse` unchanged: what JSON columns hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object, e.g. a plugin's config. */
export type JsonObject = { [key: string]: JsonValue };
