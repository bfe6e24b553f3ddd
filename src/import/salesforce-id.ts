/**
 * Salesforce record ids come in two forms: 15 characters, case-sensitive (reports, the UI) and
 * 18 characters, the same id plus a 3-character case checksum (the API, Data Loader). Imports
 * store the 18-character form so the two forms of one record always match.
 */
const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export function isSalesforceId(value: string): boolean {
  return SALESFORCE_ID.test(value);
}

/** The 18-character form of a 15- or 18-character id; null when the text is not an id. */
export function toSalesforceId18(value: string): string | null {
  if (!isSalesforceId(value)) return null;
  if (value.length === 18) return value;
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = value.charCodeAt(block * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET.charAt(bits);
  }
  return value + suffix;
}
