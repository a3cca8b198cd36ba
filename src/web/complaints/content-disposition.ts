/**
 * `Content-Disposition: attachment` for a stored file name, Persian ones included: an ASCII `filename`
 * for old clients and the exact name as UTF-8 in `filename*` (RFC 6266, RFC 5987). Nothing of the name
 * can break out of the header: quotes, backslashes, controls and non-ASCII never reach `filename`, and
 * `filename*` is percent-encoded.
 */

/** RFC 5987 `attr-char` is ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else is percent-encoded. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The name with anything but printable ASCII (and `"`, `\`, `%`) replaced by `_`. */
export function asciiFileName(name: string, fallback: string): string {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1) : '';
  const ascii = name.normalize('NFC').replace(/[^\x20-\x7e]|["\\%]/g, '_');
  // A name without a Latin letter or digit (a Persian one) keeps only its extension: give it a readable base.
  const base = dot > 0 ? ascii.slice(0, ascii.lastIndexOf('.')) : ascii;
  if (!/[A-Za-z0-9]/.test(base))
    return /^[A-Za-z0-9]{1,10}$/.test(extension) ? `${fallback}.${extension}` : fallback;
  return ascii;
}

export function attachmentDisposition(fileName: string, fallback: string): string {
  return `attachment; filename="${asciiFileName(fileName, fallback)}"; filename*=UTF-8''${encodeRfc5987(fileName.normalize('NFC'))}`;
}
