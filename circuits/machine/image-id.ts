// Image id v2 (docs/IMAGE_ID.md, "Image id v2 (receipts)"): BLAKE3 over the domain tag, the
// machine's verifying-key digest and the entry. The key's digest covers the parameters, every
// chip's constraint system and the preprocessed root (the program and image tables: the code
// and the initial memory), so the id pins the program, its loaded image and the preset.
// Hashing only: a verifier holding a key imports this without the prover (machineImageId, which
// runs setup, is in prove.ts).

import { blake3 } from '@noble/hashes/blake3.js';

/** "rvstark/image-id/v2" followed by one NUL: 20 bytes. */
export const IMAGE_ID_V2_DOMAIN = 'rvstark/image-id/v2\0';
/** Length of the preimage: tag (20) ‖ vk digest (32) ‖ entry (u32 LE). */
export const IMAGE_ID_V2_PREIMAGE_BYTES = 56;

/** The 56-byte preimage of an image id v2. */
export function imageIdV2Preimage(vkDigest: Uint8Array, entry: number): Uint8Array {
  if (vkDigest.length !== 32) throw new RangeError(`vk digest of ${vkDigest.length} bytes, 32 expected`);
  const out = new Uint8Array(IMAGE_ID_V2_PREIMAGE_BYTES);
  out.set(new TextEncoder().encode(IMAGE_ID_V2_DOMAIN), 0);
  out.set(vkDigest, 20);
  new DataView(out.buffer).setUint32(52, entry >>> 0, true);
  return out;
}

/** BLAKE3-256(tag ‖ vkDigest ‖ entry). */
export function imageIdV2(vkDigest: Uint8Array, entry: number): Uint8Array {
  return blake3(imageIdV2Preimage(vkDigest, entry));
}
