import { unzipSync, zipSync, Zippable } from 'fflate';

/**
 * The zip date of every entry. fflate reads it back through the local time zone, so it is built from
 * local components: 1 January 1980, 00:00, the earliest date a zip holds, on every machine.
 */
const ZIP_EPOCH = () => new Date(1980, 0, 1, 0, 0, 0);

/**
 * Writes a DOCX or XLSX package again so that its bytes depend only on its contents: the libraries that
 * write them stamp each entry with the current time. The entries keep their order; `patch` may rewrite
 * an entry (the document's own created and modified dates).
 */
export function stableZip(zip: Uint8Array, patch: (name: string, bytes: Uint8Array) => Uint8Array = (_, bytes) => bytes): Buffer {
  const entries = unzipSync(zip);
  const files: Zippable = {};
  for (const [name, bytes] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    files[name] = [patch(name, bytes), { mtime: ZIP_EPOCH(), level: 6, os: 0 }];
  }
  return Buffer.from(zipSync(files));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Replaces the dates of `docProps/core.xml` (created, modified, last printed) with the moment the document shows. */
export const fixCoreDates =
  (instant: string) =>
  (name: string, bytes: Uint8Array): Uint8Array => {
    if (name !== 'docProps/core.xml') return bytes;
    const stamp = instant.replace(/\.\d{3}Z$/, 'Z');
    const xml = decoder
      .decode(bytes)
      .replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`)
      .replace(/(<cp:lastPrinted>)[^<]*(<\/cp:lastPrinted>)/g, `$1${stamp}$2`);
    return encoder.encode(xml);
  };
