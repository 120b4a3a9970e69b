/** Job documents are JSON text; clients get the parsed value, or the raw text when it is not JSON. */
export function parseJobDocument(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
