/**
 * Function symbols from an ELF's .symtab, for the per-function cycle profile. Symbols
 * are advisory (not part of the image id), so a malformed table yields no symbols
 * rather than an error.
 */

export interface FunctionSymbol {
  readonly name: string;
  readonly addr: number;
  readonly size: number;
}

const SHT_SYMTAB = 2;
const STT_FUNC = 2;

/** STT_FUNC symbols sorted by address; [] when the file has no (valid) symbol table. */
export function readFunctionSymbols(bytes: Uint8Array): FunctionSymbol[] {
  if (bytes.length < 52) return [];
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shoff = dv.getUint32(32, true);
  const shentsize = dv.getUint16(46, true);
  const shnum = dv.getUint16(48, true);
  if (shentsize !== 40 || shoff + shnum * 40 > bytes.length) return [];
  const out: FunctionSymbol[] = [];
  const decoder = new TextDecoder();
  for (let s = 0; s < shnum; s++) {
    const sh = shoff + s * 40;
    if (dv.getUint32(sh + 4, true) !== SHT_SYMTAB) continue;
    const off = dv.getUint32(sh + 16, true);
    const size = dv.getUint32(sh + 20, true);
    const link = dv.getUint32(sh + 24, true);
    if (off + size > bytes.length || link >= shnum) return [];
    const strOff = dv.getUint32(shoff + link * 40 + 16, true);
    const strSize = dv.getUint32(shoff + link * 40 + 20, true);
    if (strOff + strSize > bytes.length) return [];
    for (let at = off; at + 16 <= off + size; at += 16) {
      if ((bytes[at + 12] & 0xf) !== STT_FUNC) continue;
      const nameAt = dv.getUint32(at, true);
      if (nameAt >= strSize) continue;
      let end = strOff + nameAt;
      while (end < strOff + strSize && bytes[end] !== 0) end++;
      out.push({
        name: decoder.decode(bytes.subarray(strOff + nameAt, end)),
        addr: dv.getUint32(at + 4, true),
        size: dv.getUint32(at + 8, true),
      });
    }
  }
  return out.sort((a, b) => a.addr - b.addr || a.name.localeCompare(b.name));
}
