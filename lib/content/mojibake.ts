// Repairs mojibake: UTF-8 bytes that were decoded as Windows-1252 (or Latin-1) and saved again, such as
// "LÃ©on" for "Léon" or "â€™" for "’". Only byte sequences that form valid multi-byte UTF-8 are replaced, so
// text that is already correct ("Léon", "naïve", "€", "Ü", 中文, emoji) is left exactly as it is.

// Windows-1252's 0x80–0x9F block; the rest of 0xA0–0xFF is the same as Latin-1.
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

function byteOf(char: string): number | null {
  const code = char.charCodeAt(0);
  if (code >= 0xa0 && code <= 0xff) return code;
  const index = CP1252_HIGH.indexOf(char);
  if (index >= 0) return 0x80 + index;
  return null;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

// Quick test: a possible lead byte char followed by a possible continuation char.
const SUSPICIOUS = /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;

export function repairMojibake(text: string): string {
  if (!SUSPICIOUS.test(text)) return text;
  const chars = Array.from(text);
  let out = "";
  let i = 0;
  while (i < chars.length) {
    const lead = byteOf(chars[i]!);
    const length = lead === null ? 0 : sequenceLength(lead);
    if (length > 0 && i + length <= chars.length) {
      const bytes = [lead!];
      for (let k = 1; k < length; k++) {
        const b = byteOf(chars[i + k]!);
        if (b === null || b < 0x80 || b > 0xbf) break;
        bytes.push(b);
      }
      if (bytes.length === length) {
        try {
          out += decoder.decode(new Uint8Array(bytes));
          i += length;
          continue;
        } catch {
          // not a valid sequence (overlong, surrogate): keep the characters as they are
        }
      }
    }
    out += chars[i];
    i++;
  }
  return out;
}
